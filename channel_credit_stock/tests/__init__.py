from . import test_doors_cash_before_delivery

from . import test_cash_before_delivery

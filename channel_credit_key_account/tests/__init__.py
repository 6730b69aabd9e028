from . import test_kam_credit

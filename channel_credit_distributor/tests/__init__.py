from . import test_credit_review

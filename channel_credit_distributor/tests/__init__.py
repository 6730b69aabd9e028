from . import test_credit_review
from . import test_evaluation
from . import test_rebate_exposure

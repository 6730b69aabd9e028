from . import channel_credit_review
from . import distributor_agreement
from . import distributor_evaluation

from . import channel_credit_review
from . import distributor_agreement

from . import distributor_agreement_decide

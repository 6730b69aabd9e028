from . import distributor_agreement

from . import distributor_agreement_decide
from . import distributor_stock_import

from . import distributor_agreement_decide
from . import distributor_stock_import
from . import distributor_agreement_export
from . import distributor_rebate_export
from . import distributor_evaluation_export
from . import distributor_stock_export
from . import distributor_rebate_settle
from . import sale_order_discount

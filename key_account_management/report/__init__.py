from . import kam_register_xlsx
from . import kam_deal_tracking_xlsx
from . import kam_visit_report_xlsx
from . import kam_collection_report
from . import kam_collection_xlsx
from . import kam_resource_plan_xlsx

from . import kam_register_export
from . import kam_deal_tracking_export
from . import kam_visit_report_export
from . import kam_visit_complete
from . import kam_collection_export
from . import kam_complaint_close
from . import kam_resource_plan_export
from . import base_partner_merge_automatic_wizard

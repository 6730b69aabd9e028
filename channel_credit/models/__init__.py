from . import res_company
from . import res_config_settings
from . import res_partner
from . import sale_order
from . import account_move
from . import channel_credit_release
from . import channel_credit_review
from . import channel_collection_plan

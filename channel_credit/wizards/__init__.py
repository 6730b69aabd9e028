from . import channel_credit_report_export
from . import base_partner_merge_automatic_wizard
from . import channel_credit_limit_apply
from . import channel_credit_hold
from . import channel_credit_review_decide
from . import channel_credit_opening_import

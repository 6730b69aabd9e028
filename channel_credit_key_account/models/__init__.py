from . import kam_account
from . import res_partner
from . import kam_resource_plan

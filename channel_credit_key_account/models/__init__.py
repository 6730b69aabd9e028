from . import kam_account
from . import res_partner

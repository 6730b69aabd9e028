from . import kam_account, kam_tier, kam_tier_history, res_company, res_config_settings, res_partner

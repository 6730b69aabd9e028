from odoo import fields, models


def _related(name, field_type=fields.Float, **kwargs):
    return field_type(related=f"company_id.{name}", readonly=False, **kwargs)


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    channel_credit_check_invoice = _related("channel_credit_check_invoice", fields.Boolean)
    channel_release_max_growth = _related("channel_release_max_growth")
    channel_release_validity_days = _related("channel_release_validity_days", fields.Integer)
    channel_net_margin = _related("channel_net_margin")
    channel_interest_rate = _related("channel_interest_rate")
    channel_escalation_days = _related("channel_escalation_days", fields.Integer)
    channel_credit_manager_id = _related("channel_credit_manager_id", fields.Many2one)
    channel_factor_aaa = _related("channel_factor_aaa")
    channel_factor_aa = _related("channel_factor_aa")
    channel_factor_a = _related("channel_factor_a")
    channel_factor_b = _related("channel_factor_b")
    channel_factor_c = _related("channel_factor_c")
    channel_factor_d = _related("channel_factor_d")
    channel_min_score_aaa = _related("channel_min_score_aaa")
    channel_min_score_aa = _related("channel_min_score_aa")
    channel_min_score_a = _related("channel_min_score_a")
    channel_min_score_b = _related("channel_min_score_b")
    channel_min_score_c = _related("channel_min_score_c")
    channel_capital_share = _related("channel_capital_share")
    channel_deposit_multiple = _related("channel_deposit_multiple")

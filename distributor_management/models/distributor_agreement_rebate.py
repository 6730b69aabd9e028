"""An agreement's rebate scheme (返利政策) and ledger, and accruing them by hand."""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..const import MANAGER_GROUP, REBATE_AGREEMENT_STATES


class DistributorAgreement(models.Model):
    _inherit = "distributor.agreement"

    rebate_tier_ids = fields.One2many(
        "distributor.rebate.tier", "agreement_id", string="Rebate Scheme", copy=True
    )
    # Process rebates (过程返利), paid on a period's net collected money whatever its attainment.
    rebate_on_time_rate = fields.Float(
        string="Extra for Paying on Time (%)",
        help="Added to a period's rate when everything that fell due in it was paid by its due "
        "date.",
    )
    rebate_reporting_rate = fields.Float(
        string="Extra for Reporting (%)",
        help="Added to a period's rate when the distributor's sell-through and stock reports "
        "hold every month of it.",
    )
    rebate_ids = fields.One2many("distributor.rebate", "agreement_id", string="Rebates")
    rebate_count = fields.Integer(compute="_compute_rebate_count")

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("rebate_ids")
    def _compute_rebate_count(self):
        counts = dict(
            self.env["distributor.rebate"]._read_group(
                [("agreement_id", "in", self.ids)], ["agreement_id"], ["__count"]
            )
        )
        for agreement in self:
            agreement.rebate_count = counts.get(agreement._origin, 0)

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("rebate_on_time_rate", "rebate_reporting_rate")
    def _check_extra_rebates(self):
        for agreement in self:
            if not 0 <= agreement.rebate_on_time_rate <= 100 or not (
                0 <= agreement.rebate_reporting_rate <= 100
            ):
                raise ValidationError(
                    self.env._("An extra rebate pays between 0 % and 100 % of collected money.")
                )

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_accrue_rebates(self):
        """Accrue now the rebates of the targets whose period has ended (the nightly job does
        it too); the Channel Manager who runs it does not approve what it accrues."""
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(self.env._("Only a Channel Manager accrues rebates."))
        self.check_access("read")
        if self.filtered(lambda a: a.state not in REBATE_AGREEMENT_STATES):
            raise UserError(self.env._("Only an agreement in force or ended earns rebates."))
        if not self._pays_rebates():
            raise UserError(self.env._("Give the agreement its rebate scheme first."))
        today = fields.Date.context_today(self)
        ended = self.target_ids.filtered(lambda t: t.date_to < today)
        if not ended:
            raise UserError(self.env._("No target period has ended yet: nothing to accrue."))
        self.env["distributor.rebate"]._accrue(ended)
        return self.action_view_rebates()

    def action_view_rebates(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "distributor_management.distributor_rebate_action"
        )
        action["domain"] = [("agreement_id", "in", self.ids)]
        action["context"] = {}
        return action

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _pays_rebates(self):
        """The agreements with a rebate scheme: tiers or an extra."""
        return self.filtered(
            lambda a: a.rebate_tier_ids or a.rebate_on_time_rate or a.rebate_reporting_rate
        )

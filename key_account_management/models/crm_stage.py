from odoo import fields, models

from ..const import BUYER_STAGES


class CrmStage(models.Model):
    _inherit = "crm.stage"

    kam_exit_need_coach = fields.Boolean(
        string="Exit Needs a Coach", help="Leaving this stage needs a supporting coach."
    )
    kam_exit_need_dm_met = fields.Boolean(
        string="Exit Needs the Decision Maker Met",
        help="Leaving this stage needs a met decision maker.",
    )
    kam_exit_need_formula = fields.Boolean(
        string="Exit Needs the 1+2+1 Formula", help="Leaving this stage needs the formula to hold."
    )
    kam_exit_need_sample = fields.Boolean(
        string="Exit Needs Samples Approved",
        help="Leaving this stage needs the customer's approval of our samples.",
    )
    kam_exit_need_audit = fields.Boolean(
        string="Exit Needs the Factory Audit Passed",
        help="Leaving this stage needs the customer's audit of our factory passed.",
    )
    kam_buyer_stage = fields.Selection(
        BUYER_STAGES,
        string="Buyer Should Be At",
        help="Where the decision makers should be in their own decision cycle for a deal in "
        "this stage: a deal whose buyer is behind runs ahead of them (a red flag).",
    )
    kam_won_when_paid = fields.Boolean(
        string="Won Once Paid",
        help="Collect payment: a deal in this stage is won when the customer has "
        "paid its orders' invoices, not before; the daily job then marks it won.",
    )
    kam_exit_blocking = fields.Boolean(
        string="Block on Failed Exit Criteria",
        help="Refuse to move the opportunity forward; otherwise warn in the chatter.",
    )

    def _kam_exit_failures(self, lead):
        """Human-readable exit criteria of this stage that the opportunity does not meet."""
        self.ensure_one()
        failures = []
        if self.kam_exit_need_coach and not lead.kam_coach_ok:
            failures.append(self.env._("a supporting coach"))
        if self.kam_exit_need_dm_met and {"dm_unknown", "dm_not_met"} & set(
            lead._kam_red_flag_codes()
        ):
            failures.append(self.env._("the decision maker met"))
        if self.kam_exit_need_formula and not lead.kam_formula_ok:
            failures.append(self.env._("the 1+2+1 formula (1 coach + 2 roles won + 1 rep)"))
        if self.kam_exit_need_sample and lead.kam_sample_state != "approved":
            failures.append(self.env._("the samples approved by the customer"))
        if self.kam_exit_need_audit and lead.kam_audit_state != "passed":
            failures.append(self.env._("the factory audit passed"))
        return failures

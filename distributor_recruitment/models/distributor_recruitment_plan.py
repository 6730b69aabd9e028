"""A recruitment plan (招商计划) per region: which markets first, the distributor types wanted,
the support offered, the timeline and the people; progress against the plan."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..const import PLAN_STATES


class DistributorRecruitmentPlan(models.Model):
    _name = "distributor.recruitment.plan"
    _description = "Distributor Recruitment Plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
    )
    member_ids = fields.Many2many(
        "res.users", string="Recruiters", domain="[('share', '=', False)]"
    )
    territory_ids = fields.Many2many(
        "distributor.territory",
        string="Markets",
        check_company=True,
        help="The regions to recruit in, first ones first.",
    )
    distributor_type_id = fields.Many2one(
        "distributor.type",
        string="Distributor Type Wanted",
        check_company=True,
        ondelete="restrict",
    )
    support_policy = fields.Html(
        help="What the company offers a new distributor: margin, rebates, marketing funds, "
        "staff, training, credit."
    )
    date_start = fields.Date(string="Start", required=True, default=fields.Date.context_today)
    date_end = fields.Date(string="End", required=True)
    target_count = fields.Integer(string="Distributors to Sign", default=1)
    state = fields.Selection(PLAN_STATES, string="Status", default="draft", tracking=True)
    lead_ids = fields.One2many("crm.lead", "distributor_plan_id", string="Candidates")
    survey_ids = fields.One2many("distributor.market.survey", "plan_id", string="Market Surveys")
    candidate_count = fields.Integer(compute="_compute_progress")
    signed_count = fields.Integer(string="Signed", compute="_compute_progress")
    progress = fields.Float(compute="_compute_progress", help="Signed over distributors to sign.")

    @api.depends("lead_ids.stage_id", "lead_ids.active", "target_count")
    def _compute_progress(self):
        # Dropped candidates (archived, lost) count as candidates too.
        Lead = self.env["crm.lead"].with_context(active_test=False)
        counts = {}
        for plan, stage, count in Lead._read_group(
            [("distributor_plan_id", "in", self.ids)],
            ["distributor_plan_id", "stage_id"],
            ["__count"],
        ):
            key = (plan, bool(stage.is_won))
            counts[key] = counts.get(key, 0) + count
        for plan in self:
            signed = counts.get((plan._origin, True), 0)
            plan.signed_count = signed
            plan.candidate_count = signed + counts.get((plan._origin, False), 0)
            plan.progress = signed / plan.target_count if plan.target_count > 0 else 0.0

    @api.constrains("date_start", "date_end", "target_count")
    def _check_plan(self):
        for plan in self:
            if plan.date_end < plan.date_start:
                raise ValidationError(self.env._("A plan cannot end before it starts."))
            if plan.target_count < 0:
                raise ValidationError(self.env._("Distributors to sign cannot be negative."))

    def action_start(self):
        self.write({"state": "running"})
        return True

    def action_done(self):
        self.write({"state": "done"})
        return True

    def action_view_candidates(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "distributor_recruitment.crm_lead_recruitment_action"
        )
        action["domain"] = [("distributor_plan_id", "in", self.ids)]
        action["context"] = {
            "default_distributor_plan_id": self.id,
            "default_team_id": self.env["crm.team"]._distributor_recruitment_team().id,
        }
        return action

    def action_compare_candidates(self):
        """The candidates' scorecards side by side (多种选优法): criteria down, candidates
        across."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "distributor_recruitment.distributor_candidate_score_compare_action"
        )
        action["domain"] = [("lead_id.distributor_plan_id", "in", self.ids)]
        return action

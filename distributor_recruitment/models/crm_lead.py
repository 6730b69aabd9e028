"""Candidates (招商) as leads of the Distributor Recruitment team: their plan, market and type,
their selection scorecard, and signing into a distribution agreement."""

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.addons.b2b_base import guards
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

from .. import rules
from ..const import RECOMMENDATION_FLOORS, RECOMMENDATIONS


class CrmTeam(models.Model):
    _inherit = "crm.team"

    @api.model
    def _distributor_recruitment_team(self):
        """The recruitment team, or nothing once someone deleted it. Read from the XML ids'
        cache: every lead's stage and team compute asks, and Sales' own leads must not pay a
        query for it."""
        team_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "distributor_recruitment.crm_team_distributor_recruitment", raise_if_not_found=False
        )
        return self.browse(team_id or ())


# The scorecard's figures and the signed agreement: the system's, never a client's.
SIGNED_FIELDS = frozenset(
    {"selection_score", "selection_recommendation", "distributor_agreement_id"}
)


class CrmLead(models.Model):
    _inherit = "crm.lead"

    distributor_plan_id = fields.Many2one(
        "distributor.recruitment.plan",
        string="Recruitment Plan",
        index="btree_not_null",
        check_company=True,
    )
    distributor_territory_id = fields.Many2one(
        "distributor.territory", string="Market", check_company=True
    )
    distributor_type_id = fields.Many2one(
        "distributor.type", check_company=True, ondelete="restrict"
    )
    distributor_registered_capital = fields.Monetary(
        string="Registered Capital",
        currency_field="company_currency",
        help="The candidate's registered capital (注册资本): signed, its credit review starts "
        "from it.",
    )
    distributor_source = fields.Char(
        string="Found Through", help="Trade fair, referral, competitor's distributor, survey..."
    )
    is_distributor_candidate = fields.Boolean(compute="_compute_is_distributor_candidate")
    distributor_score_ids = fields.One2many(
        "distributor.candidate.score", "lead_id", string="Selection Scorecard"
    )
    selection_score = fields.Float(
        compute="_compute_selection_score",
        store=True,
        help="The weighted score (0-100) of the criteria scored so far.",
    )
    selection_recommendation = fields.Selection(
        RECOMMENDATIONS, string="Recommendation", compute="_compute_selection_score", store=True
    )
    distributor_agreement_id = fields.Many2one(
        "distributor.agreement", string="Agreement", readonly=True, copy=False
    )

    @api.depends("team_id")
    def _compute_is_distributor_candidate(self):
        team = self.env["crm.team"]._distributor_recruitment_team()
        for lead in self:
            lead.is_distributor_candidate = bool(team) and lead.team_id == team

    @api.depends("distributor_score_ids.score", "distributor_score_ids.criterion_id.weight")
    def _compute_selection_score(self):
        for lead in self:
            score = rules.selection_score(
                (line.criterion_id.weight, line.score) for line in lead.distributor_score_ids
            )
            lead.selection_score = score or 0.0
            lead.selection_recommendation = rules.recommendation(score, RECOMMENDATION_FLOORS)

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        # The recruitment pipeline shows its own stages, not Sales' shared ones (unless a
        # candidate stands in one).
        team = self.env["crm.team"]._distributor_recruitment_team()
        if team and self.env.context.get("default_team_id") == team.id:
            return stages.browse(
                stages.sudo()._search(
                    ["|", ("id", "in", stages.ids), ("team_id", "=", team.id)],
                    order=stages._order,
                )
            )
        return super()._read_group_stage_ids(stages, domain)

    def _stage_find(self, team_id=False, domain=None, order="sequence, id", limit=1):
        # A candidate moves through the recruitment team's own stages, not Sales' shared ones.
        team = self.env["crm.team"]._distributor_recruitment_team()
        teams = self.team_id | self.env["crm.team"].browse(team_id)
        if team and teams == team:
            domain = expression.AND([domain or [], [("team_id", "=", team.id)]])
        return super()._stage_find(team_id=team_id, domain=domain, order=order, limit=limit)

    def _compute_team_id(self):
        # A candidate stays with the recruitment team whoever recruits it: Sales would move a
        # lead to its new salesperson's team (the recruitment team has no members).
        team = self.env["crm.team"]._distributor_recruitment_team()
        candidates = self.filtered(lambda lead: team and lead.team_id == team)
        for lead in candidates:
            lead.team_id = team
        return super(CrmLead, self - candidates)._compute_team_id()

    @api.constrains("distributor_registered_capital")
    def _check_distributor_registered_capital(self):
        if any(lead.distributor_registered_capital < 0 for lead in self):
            raise ValidationError(self.env._("A registered capital cannot be negative."))

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = guards.refuse_system_fields(self, vals_list, SIGNED_FIELDS)
        leads = super().create(vals_list)
        leads._add_selection_criteria()
        return leads

    def write(self, vals):
        [vals] = guards.refuse_system_fields(self, [vals], SIGNED_FIELDS, records=self)
        result = super().write(vals)
        if "team_id" in vals:
            self._add_selection_criteria()
        return result

    def _add_selection_criteria(self):
        """A candidate of the recruitment team gets a line for each criterion of its company."""
        candidates = self.filtered("is_distributor_candidate")
        if not candidates:
            return
        criteria = self.env["distributor.selection.criterion"].search(
            [("company_id", "in", [False, *candidates.company_id.ids])]
        )
        values = []
        for lead in candidates:
            scored = lead.distributor_score_ids.criterion_id
            values += [
                {"lead_id": lead.id, "criterion_id": criterion.id}
                for criterion in criteria
                if criterion not in scored
                and (not criterion.company_id or criterion.company_id == lead.company_id)
            ]
        self.env["distributor.candidate.score"].create(values)

    def action_compare_in_market(self):
        """This candidate's scorecard beside the others' for the same market."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "distributor_recruitment.distributor_candidate_score_compare_action"
        )
        market = self.distributor_territory_id
        action["domain"] = (
            [("lead_id.distributor_territory_id", "=", market.id)]
            if market
            else [("lead_id", "=", self.id)]
        )
        return action

    def action_sign_distributor(self):
        """Sign the candidate: its company becomes a distributor with a draft agreement for
        its market, from the first of next month for a year, and the candidate is won."""
        self.ensure_one()
        if not self.is_distributor_candidate:
            raise UserError(self.env._("Only a candidate of the recruitment team is signed."))
        if self.distributor_agreement_id:
            raise UserError(self.env._("The candidate is already signed."))
        if not self.active:
            raise UserError(
                self.env._("A lost or archived candidate is not signed: restore it first.")
            )
        partner = self.partner_id.commercial_partner_id
        if not partner:
            if not self.partner_name:
                raise UserError(self.env._("Give the candidate's company name first."))
            self._handle_partner_assignment(create_missing=True)
            partner = self.partner_id.commercial_partner_id
        if not partner.is_company:
            raise UserError(
                self.env._(
                    "%(partner)s is a person: a distributor is a company.",
                    partner=partner.display_name,
                )
            )
        today = fields.Date.context_today(self)
        start = today.replace(day=1) + relativedelta(months=1)
        agreement = self.env["distributor.agreement"].create(
            {
                "partner_id": partner.id,
                "company_id": self.company_id.id or self.env.company.id,
                "user_id": self.env.uid,
                "date_start": start,
                "date_end": start + relativedelta(years=1, days=-1),
                "registered_capital": self.distributor_registered_capital,
                "distributor_type_id": self.distributor_type_id.id,
                "territory_ids": [
                    Command.create({"territory_id": self.distributor_territory_id.id})
                ]
                if self.distributor_territory_id
                else [],
            }
        )
        # sudo: the link is the system's (refused from clients); the user created the agreement.
        self.sudo().write({"distributor_agreement_id": agreement.id})
        self.action_set_won()
        return {
            "type": "ir.actions.act_window",
            "res_model": "distributor.agreement",
            "res_id": agreement.id,
            "view_mode": "form",
            "target": "current",
        }

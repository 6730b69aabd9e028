from odoo import api, fields, models
from odoo.addons.b2b_base import guards, jobs
from odoo.addons.b2b_base.money import money_for_orders
from odoo.exceptions import UserError
from odoo.tools import format_amount

from .. import rules
from ..const import MEETING_OUTCOMES

COVERAGE_FIELDS = (
    "kam_coach_ok",
    "kam_roles_won",
    "kam_rep_ok",
    "kam_formula_ok",
    "kam_formula_score",
    "kam_red_flag_codes",
)
# Also computed by the system: the key-account flag follows the sales team.
SYSTEM_FIELDS = (*COVERAGE_FIELDS, "kam_is_key_deal")
# Where a deal stands in its pipeline: changing any of these may pass a stage or win it.
PIPELINE_FIELDS = {"stage_id", "team_id", "type", "active", "user_id", "company_id"}


class CrmLead(models.Model):
    _inherit = "crm.lead"

    kam_role_ids = fields.One2many("kam.deal.role", "lead_id", string="Buying Roles")
    kam_customer_id = fields.Many2one(related="partner_id.commercial_partner_id")
    kam_is_key_deal = fields.Boolean(
        related="team_id.kam_use_six_steps", string="Key-Account Deal", store=True
    )
    kam_coach_ok = fields.Boolean(compute="_compute_kam_coverage", store=True, string="Coach Won")
    kam_roles_won = fields.Integer(compute="_compute_kam_coverage", store=True)
    kam_rep_ok = fields.Boolean(compute="_compute_kam_coverage", store=True, string="Rep Assigned")
    kam_formula_ok = fields.Boolean(
        compute="_compute_kam_coverage", store=True, string="1+2+1 Formula Met"
    )
    kam_formula_score = fields.Integer(
        compute="_compute_kam_coverage",
        store=True,
        string="1+2+1 Score",
        aggregator=None,  # a score per deal: neither summed nor averaged in grouped lists
    )
    kam_red_flag_codes = fields.Char(compute="_compute_kam_coverage", store=True)
    kam_red_flags = fields.Text(compute="_compute_kam_red_flags", string="Red Flags")
    kam_visit_ids = fields.One2many("kam.visit", "lead_id", string="Visits")
    # Milestones of the six steps that B2B customers ask for before they commit.
    kam_sample_state = fields.Selection(
        [("sent", "Sent"), ("approved", "Approved"), ("rejected", "Rejected")],
        string="Samples",
        tracking=True,
    )
    kam_sample_date = fields.Date(string="Samples Sent On", tracking=True)
    kam_audit_state = fields.Selection(
        [("planned", "Planned"), ("passed", "Passed"), ("failed", "Failed")],
        string="Factory Audit",
        tracking=True,
        help="The customer's audit of our factory.",
    )
    kam_audit_date = fields.Date(string="Factory Audit On", tracking=True)
    kam_competitor_info_ids = fields.One2many(
        "kam.competitor.info", "lead_id", string="Competitor Intelligence"
    )
    kam_ordered_amount = fields.Monetary(
        string="Ordered", compute="_compute_kam_collected", currency_field="company_currency"
    )
    kam_collected_amount = fields.Monetary(
        string="Collected", compute="_compute_kam_collected", currency_field="company_currency"
    )
    kam_paid = fields.Boolean(string="Paid in Full", compute="_compute_kam_collected")
    kam_stage_collects = fields.Boolean(related="stage_id.kam_won_when_paid")
    kam_change_pending = fields.Boolean(
        string="Key Person Change to Confirm", compute="_compute_kam_change_pending"
    )
    kam_last_outcome = fields.Selection(
        MEETING_OUTCOMES,
        compute="_compute_kam_last_outcome",
        store=True,
        string="Last Meeting Outcome",
    )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends(
        "user_id",
        "partner_id",
        "kam_role_ids.partner_id",
        "kam_role_ids.departed",
        "kam_role_ids.buying_role",
        "kam_role_ids.is_coach",
        "kam_role_ids.attitude",
        "kam_role_ids.influence",
        "kam_role_ids.org_level",
        "kam_role_ids.last_contact_date",
        "kam_role_ids.buyer_stage",
        "stage_id.kam_buyer_stage",
        "kam_visit_ids.state",
        "kam_visit_ids.outcome",
        "kam_visit_ids.date_done",
    )
    def _compute_kam_coverage(self):
        today = fields.Date.context_today(self)
        for lead in self:
            done = lead.kam_visit_ids.filtered(lambda v: v.state == "done" and v.outcome)
            outcomes = done.sorted(lambda v: (v.date_done, v.id)).mapped("outcome")
            roles = (
                rules.DealRole(
                    bool(r.partner_id) and not r.departed,
                    r.buying_role,
                    r.is_coach,
                    r.attitude,
                    r.influence,
                    r.org_level,
                    r.last_contact_date,
                    r.buyer_stage,
                )
                for r in lead.kam_role_ids
            )
            coverage = rules.deal_coverage(
                roles, lead.user_id, today, lead.stage_id.kam_buyer_stage, outcomes
            )
            lead.kam_coach_ok = coverage["coach_ok"]
            lead.kam_roles_won = coverage["roles_won"]
            lead.kam_rep_ok = coverage["rep_ok"]
            lead.kam_formula_ok = coverage["formula_ok"]
            lead.kam_formula_score = coverage["score"]
            lead.kam_red_flag_codes = ",".join(coverage["red_flags"])

    @api.depends("kam_red_flag_codes")
    @api.depends_context("lang")
    def _compute_kam_red_flags(self):
        labels = self._kam_red_flag_labels()
        for lead in self:
            lead.kam_red_flags = "\n".join(labels[c] for c in lead._kam_red_flag_codes()) or False

    @api.depends("kam_role_ids.pending_change")
    def _compute_kam_change_pending(self):
        for lead in self:
            lead.kam_change_pending = bool(lead.kam_role_ids.filtered("pending_change"))

    @api.depends("kam_visit_ids.state", "kam_visit_ids.outcome", "kam_visit_ids.date_done")
    def _compute_kam_last_outcome(self):
        for lead in self:
            done = lead.kam_visit_ids.filtered(lambda v: v.state == "done" and v.outcome)
            latest = done.sorted(lambda v: (v.date_done, v.id))[-1:]
            lead.kam_last_outcome = latest.outcome

    @api.depends("order_ids.state", "order_ids.invoice_ids.amount_residual_signed")
    def _compute_kam_collected(self):
        """What the deal's confirmed orders come to and the money its customer paid for them
        (b2b_base.money: money matched to their invoices, their share of an invoice shared
        with other orders, less credit notes), in company currency. Its orders are those made
        for it: an older order linked to it afterwards, paid or not, is not its."""
        # As superuser: what was ordered and paid is the deal's figure, whoever may read the
        # invoices and payments behind it.
        orders = self.sudo().order_ids.filtered(lambda o: o.state == "sale")
        received = money_for_orders(orders, fields.Date.context_today(self))
        for lead in self:
            own = orders.filtered(
                lambda o, d=lead: o.opportunity_id == d and o.create_date >= d.create_date
            )
            lead.kam_ordered_amount = sum(o.amount_total / (o.currency_rate or 1.0) for o in own)
            lead.kam_collected_amount = sum(received[o] / (o.currency_rate or 1.0) for o in own)
            lead.kam_paid = rules.collected_in_full(
                lead.kam_ordered_amount,
                lead.kam_collected_amount,
                lead.company_currency.rounding or 0.01,
            )

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = guards.refuse_system_fields(self, vals_list, self._kam_system_fields())
        leads = super().create(vals_list)
        # Created, copied, imported or defaulted where it stands: as if moved there from the
        # first step of its team.
        warnings = leads._kam_check_pipeline({})
        leads._kam_post_warnings(warnings)
        return leads

    def write(self, vals):
        # The stage exit rules read the coverage: nobody but the system writes it.
        [vals] = guards.refuse_system_fields(self, [vals], self._kam_system_fields(), records=self)
        if not PIPELINE_FIELDS & vals.keys():
            return super().write(vals)
        before = {lead: lead._kam_position() for lead in self}
        res = super().write(vals)
        self._kam_post_warnings(self._kam_check_pipeline(before))
        return res

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_set_lost(self, **additional_values):
        if not additional_values.get("lost_reason_id") and any(self.mapped("kam_is_key_deal")):
            raise UserError(self.env._("A lost key-account deal needs a lost reason."))
        return super().action_set_lost(**additional_values)

    def action_export_tracking_xlsx(self):
        """The 1+2+1 tracking sheet (大客户销售项目1+2+1跟踪表) for these opportunities, or for
        the current search when none is ticked."""
        Export = self.env["kam.deal.tracking.export"]
        leads = Export._xlsx_records_to_export(self)
        return Export.create({"lead_ids": leads.ids}).action_download()

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _kam_change_decider(self):
        """Who decides a key person change on this deal: its owner, else the account's manager;
        None when there is nobody (the change then applies at once)."""
        self.ensure_one()
        lead = self.sudo()
        if lead.user_id:
            return lead.user_id
        account = (
            self.env["kam.account"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", lead.partner_id.commercial_partner_id.id),
                    ("company_id", "=", lead.company_id.id),
                ],
                limit=1,
            )
        )
        return account.manager_id or None

    def _kam_close_change_todos(self):
        """Done with the key person changes of these deals once none waits any more."""
        settled = self.sudo().filtered(
            lambda lead: not lead.kam_role_ids.filtered("pending_change")
        )
        settled.activity_unlink(["key_account_management.mail_activity_type_kam_key_person"])

    def _kam_system_fields(self):
        """The deal's figures the system computes (coverage, last outcome, the key-account
        flag): stage exit rules, cards and reports read them."""
        return set(SYSTEM_FIELDS) | guards.system_fields(self, prefix="kam_")

    def _message_post_after_hook(self, message, msg_vals):
        # A note or email that involves a contact of the buying-role map is a contact with them.
        if message.message_type in ("comment", "email"):
            people = message.partner_ids | message.author_id
            roles = self.kam_role_ids.filtered(lambda r: r.partner_id and r.partner_id in people)
            if roles:
                roles.sudo().last_contact_date = fields.Date.context_today(self)
        return super()._message_post_after_hook(message, msg_vals)

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        """The key-account team's kanban shows its six steps only, not Odoo's shared stages
        (unless a deal sits in one); other teams keep theirs."""
        team = self.env["crm.team"].browse(self.env.context.get("default_team_id")).exists()
        if not team.kam_use_six_steps:
            return super()._read_group_stage_ids(stages, domain)
        stage_ids = stages.sudo()._search(
            ["|", ("id", "in", stages.ids), ("team_id", "=", team.id)], order=stages._order
        )
        return stages.browse(stage_ids) or super()._read_group_stage_ids(stages, domain)

    def _stage_find(self, team_id=False, domain=None, order="sequence, id", limit=1):
        """A key-account deal's first, won or lost stage is one of its team's own steps."""
        teams = self.env["crm.team"].browse(team_id) | self.team_id
        if teams and all(teams.mapped("kam_use_six_steps")):
            own = self.env["crm.stage"].search(
                [("team_id", "in", teams.ids), *(domain or [])], order=order, limit=limit
            )
            if own:
                return own
        return super()._stage_find(team_id=team_id, domain=domain, order=order, limit=limit)

    def _kam_position(self):
        """Where this deal stands in its pipeline: (stage, team, type, won once paid)."""
        self.ensure_one()
        return (self.stage_id, self.team_id, self.type, self._kam_won_collecting())

    def _kam_won_collecting(self):
        """Whether this deal is won in a team that wins only collected money."""
        self.ensure_one()
        return bool(
            self.type == "opportunity"
            and self.active
            and self.stage_id.is_won
            and self.team_id
            and self.team_id._kam_wins_when_paid()
        )

    def _kam_check_pipeline(self, before):
        """The pipeline's rules on these deals as they are after a change (``before``: their
        position then; none for new ones), whatever changed and in whatever order: binding
        exit criteria of every stage passed, and only collected money wins. Returns the
        warnings of non-binding criteria, {lead: message}."""
        warnings = {}
        passed = {}  # deals moving the same way pass the same stages
        for lead in self.filtered(lambda lead: lead.type == "opportunity"):
            stage, team, kind, _won = before.get(lead, (None, None, None, False))
            if lead in before and team == lead.team_id and kind == "opportunity":
                start = stage
            else:
                start = None  # entered here: from the first step of its team
            if lead in before and start == lead.stage_id:
                continue
            key = (start, lead.stage_id, lead.team_id)
            if key not in passed:
                passed[key] = lead._kam_stages_passed(start)
            failures = lead._kam_stage_exit_failures(passed[key])
            if not failures:
                continue
            message = self.env._(
                "%(lead)s cannot leave %(stage)s yet: it still needs %(missing)s.",
                lead=lead.name,
                stage=", ".join(
                    passed[key].filtered(lambda s, d=lead: s._kam_exit_failures(d)).mapped("name")
                ),
                missing="; ".join(failures),
            )
            if any(s.kam_exit_blocking for s in passed[key]):
                raise UserError(message)
            warnings[lead] = message
        newly_won = self.filtered(
            lambda lead: lead._kam_won_collecting() and not before.get(lead, (0, 0, 0, False))[3]
        )
        newly_won._kam_check_won_when_paid()
        return warnings

    def _kam_post_warnings(self, warnings):
        for lead, message in warnings.items():
            lead.message_post(body=message, message_type="comment", subtype_xmlid="mail.mt_note")

    def _kam_check_won_when_paid(self):
        """Only collected money counts: a deal of a team that collects payment before winning
        is won once its orders are paid, whoever moves it and however."""
        for lead in self.filtered(lambda lead: not lead.kam_paid):
            currency = lead.company_currency
            raise UserError(
                self.env._(
                    "%(lead)s is won once its customer has paid: %(collected)s collected of "
                    "%(ordered)s ordered. It waits in %(stage)s until then.",
                    lead=lead.name,
                    collected=format_amount(self.env, lead.kam_collected_amount, currency),
                    ordered=format_amount(self.env, lead.kam_ordered_amount, currency),
                    stage=", ".join(lead.team_id._kam_wins_when_paid().mapped("name")),
                )
            )

    @api.model
    def _cron_kam_win_paid_deals(self):
        """Mark won the deals waiting in a collect-payment stage whose customer has paid, each
        in its own savepoint: one deal that cannot move (a binding exit it does not meet) is
        logged and skipped, the others are won."""
        waiting = self.search(
            [("stage_id.kam_won_when_paid", "=", True), ("type", "=", "opportunity")]
        )
        jobs.each_in_savepoint(
            waiting.filtered("kam_paid"),
            lambda leads: leads._kam_win_paid(),
            "Win paid deals",
        )

    def _kam_win_paid(self):
        for lead in self:
            lead.action_set_won()
            lead.message_post(
                body=self.env._(
                    "Won: the customer has paid %(collected)s.",
                    collected=format_amount(
                        self.env, lead.kam_collected_amount, lead.company_currency
                    ),
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _kam_red_flag_codes(self):
        self.ensure_one()
        return [c for c in (self.kam_red_flag_codes or "").split(",") if c]

    def _kam_red_flag_labels(self):
        return {
            "no_coach": self.env._("No coach: nobody inside guides us."),
            "dm_unknown": self.env._("Decision maker unknown."),
            "dm_not_met": self.env._("Decision maker not met yet."),
            "influential_opponent": self.env._("A high-influence contact opposes us."),
            "few_roles_won": self.env._("Fewer than 2 buying roles won."),
            "dm_silent": self.env._("No contact with the decision maker for more than 30 days."),
            "base_level_only": self.env._("Only base-level contacts: no senior or middle level."),
            "ahead_of_buyer": self.env._(
                "Our stage runs ahead of the buyer's: the decision makers are not there yet."
            ),
            "brush_off": self.env._(
                "Two meetings in a row ended in 'continuation' without a commitment: a polite "
                "brush-off?"
            ),
        }

    def _kam_stages_passed(self, start):
        """The stages this opportunity left or skipped on its way to where it stands, from
        ``start`` (None: from the first step of its team's pipeline)."""
        self.ensure_one()
        stage = self.stage_id
        if self.type != "opportunity" or not stage or (start and stage.sequence <= start.sequence):
            return self.env["crm.stage"]
        domain = [
            ("sequence", "<", stage.sequence),
            ("team_id", "in", [False, self.team_id.id]),
            ("id", "!=", stage.id),
        ]
        if start:
            domain.append(("sequence", ">=", start.sequence))
        return self.env["crm.stage"].search(domain) | (start or self.env["crm.stage"])

    def _kam_stage_exit_failures(self, stages_left):
        self.ensure_one()
        failures = []
        for stage in stages_left:
            failures += [f for f in stage._kam_exit_failures(self) if f not in failures]
        return failures

    @api.model
    def _cron_kam_refresh_coverage(self):
        """Red flags age (no contact for 30 days): refresh open key-account deals daily."""
        leads = self.search([("kam_is_key_deal", "=", True), ("type", "=", "opportunity")])
        for name in COVERAGE_FIELDS:
            self.env.add_to_compute(self._fields[name], leads)
        leads.flush_recordset(list(COVERAGE_FIELDS))
        self.env["ir.cron"]._notify_progress(done=len(leads), remaining=0)

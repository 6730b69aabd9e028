"""The offense/defense (攻守) plan of a period: its quadrant allocation, checks and actions."""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.b2b_base import guards
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .. import rules


class KamResourcePlan(models.Model):
    """The offense/defense (攻守) plan of a period: the time, people and money planned per
    quadrant against what was spent, and the scorecard of each quadrant against the same
    period a year before."""

    _name = "kam.resource.plan"
    _description = "Offense/Defense Plan"
    _inherit = ["mail.thread", "kam.input.mixin"]
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(
        string="From",
        required=True,
        tracking=True,
        default=lambda self: fields.Date.context_today(self).replace(month=1, day=1),
    )
    date_to = fields.Date(
        string="To",
        required=True,
        tracking=True,
        default=lambda self: fields.Date.context_today(self).replace(month=12, day=31),
    )
    prior_date_from = fields.Date(string="Compared From", compute="_compute_prior_period")
    prior_date_to = fields.Date(string="Compared To", compute="_compute_prior_period")
    planned_days = fields.Float(
        string="Visit Days",
        digits=(16, 1),
        tracking=True,
        help="Days of our people's time with the customers over the period.",
    )
    planned_people = fields.Float(
        string="People", digits=(16, 1), tracking=True, help="People working the accounts."
    )
    planned_money = fields.Monetary(
        string="Money",
        tracking=True,
        help="What the visits, gifts and receptions may cost over the period.",
    )
    planned_credit = fields.Monetary(
        string="Credit Releases",
        tracking=True,
        help="Orders let through over the credit limit, counted by the amount over the limit.",
    )
    alloc_attack = fields.Float(
        string="Attack Share",
        tracking=True,
        default=lambda self: self.env.company.kam_alloc_attack,
    )
    alloc_defend = fields.Float(
        string="Defend Share",
        tracking=True,
        default=lambda self: self.env.company.kam_alloc_defend,
    )
    alloc_maintain = fields.Float(
        string="Maintain Share",
        tracking=True,
        default=lambda self: self.env.company.kam_alloc_maintain,
    )
    alloc_abandon = fields.Float(
        string="Abandon Share",
        tracking=True,
        default=lambda self: self.env.company.kam_alloc_abandon,
    )
    line_ids = fields.One2many("kam.resource.plan.line", "plan_id", string="Resources")
    scorecard_line_ids = fields.One2many("kam.resource.plan.line", "plan_id", string="Scorecard")
    account_line_ids = fields.One2many("kam.resource.plan.account", "plan_id", string="Accounts")
    figures_date = fields.Datetime(
        string="Figures As Of", readonly=True, copy=False, help="When the figures were counted."
    )
    abandon_spending_count = fields.Integer(
        compute="_compute_alert_counts", string="Abandon Accounts Spending"
    )
    attack_starved_count = fields.Integer(
        compute="_compute_alert_counts", string="Attack Accounts Without Resources"
    )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("date_from", "date_to")
    def _compute_prior_period(self):
        for plan in self:
            plan.prior_date_from = plan.date_from and plan.date_from - relativedelta(years=1)
            plan.prior_date_to = plan.date_to and plan.date_to - relativedelta(years=1)

    def _compute_alert_counts(self):
        counts = {
            (plan, alert): count
            for plan, alert, count in self.env["kam.resource.plan.account"]._read_group(
                [("plan_id", "in", self.ids), ("alert", "!=", False)],
                ["plan_id", "alert"],
                ["__count"],
            )
        }
        for plan in self:
            plan.abandon_spending_count = counts.get((plan, "abandon_spending"), 0)
            plan.attack_starved_count = counts.get((plan, "attack_starved"), 0)

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("date_from", "date_to", "company_id", "active")
    def _check_period(self):
        # Two managers saving plans of one company at the same moment: the second waits for the
        # first, then fails to serialize and its retry sees the first plan (the same lock as
        # the credit gate's, on the company row).
        active = self.filtered("active")
        if active:
            self.env.cr.execute(
                SQL(
                    "UPDATE res_company SET write_date = write_date WHERE id = ANY(%s)",
                    active.company_id.ids,
                )
            )
        for plan in self:
            if plan.date_from > plan.date_to:
                raise ValidationError(self.env._("A plan's period ends after it starts."))
            if plan.date_to >= plan.date_from + relativedelta(years=1):
                raise ValidationError(
                    self.env._("A plan covers a year at most: it is compared with a year before.")
                )
            overlap = self.search_count(
                [
                    ("id", "!=", plan.id),
                    ("company_id", "=", plan.company_id.id),
                    ("date_from", "<=", plan.date_to),
                    ("date_to", ">=", plan.date_from),
                ],
                limit=1,
            )
            if plan.active and overlap:
                raise ValidationError(
                    self.env._(
                        "Plan %(plan)s overlaps another plan of the company: one plan per period.",
                        plan=plan.name,
                    )
                )

    @api.constrains("planned_days", "planned_people", "planned_money", "planned_credit")
    def _check_planned(self):
        names = ("planned_days", "planned_people", "planned_money", "planned_credit")
        if any(plan[name] < 0 for plan in self for name in names):
            raise ValidationError(self.env._("Planned resources cannot be negative."))

    @api.constrains(*(f"alloc_{q}" for q in rules.QUADRANTS))
    def _check_allocation(self):
        for plan in self:
            self.env["res.company"]._kam_check_allocation(plan._kam_allocation())

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            guards.refuse_system_fields(self, [vals], {"figures_date"})
            # Counted by the system only: no default (context, ir.default) dates figures.
            vals["figures_date"] = False
            company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
            # The shares not given are the plan's company's, not the current company's.
            if company != self.env.company:
                for quadrant in rules.QUADRANTS:
                    vals.setdefault(f"alloc_{quadrant}", company[f"kam_alloc_{quadrant}"])
        plans = super().create(vals_list)
        # The quadrant lines are the system's: every figure zero until counted, given
        # explicitly so that no context default or ir.default fills one in.
        Line = self.env["kam.resource.plan.line"]
        blank = Line._kam_blank_figures()
        Line.sudo().create(
            [
                {**blank, "plan_id": plan.id, "quadrant": quadrant}
                for plan in plans
                for quadrant in rules.QUADRANTS
            ]
        )
        return plans

    def write(self, vals):
        guards.refuse_system_fields(self, [vals], {"figures_date"}, records=self)
        if "company_id" in vals and any(plan.company_id.id != vals["company_id"] for plan in self):
            raise UserError(
                self.env._("A plan stays in its company: create one in the other company.")
            )
        return super().write(vals)

    def copy_data(self, default=None):
        default = dict(default or {})
        vals_list = super().copy_data(default)
        for plan, vals in zip(self, vals_list, strict=True):
            if "name" not in default:
                vals["name"] = self.env._("%(plan)s (copy)", plan=plan.name)
            # A copy would overlap its original: it starts archived, to be given its period.
            if "active" not in default:
                vals["active"] = False
        return vals_list

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_refresh(self):
        self.check_access("write")
        self._kam_refresh(fields.Date.context_today(self))
        return True

    def action_export_xlsx(self):
        self.ensure_one()
        export = self.env["kam.resource.plan.export"].create({"plan_id": self.id})
        return export.action_download()

    def action_open_alerts(self):
        return self._kam_open_accounts([("alert", "=", self.env.context.get("kam_alert"))])

    def action_open_accounts(self):
        return self._kam_open_accounts([])

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _kam_open_accounts(self, domain):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "key_account_management.kam_resource_plan_account_action"
        )
        action["domain"] = [("plan_id", "=", self.id), *domain]
        return action

    def _kam_allocation(self):
        self.ensure_one()
        return {q: self[f"alloc_{q}"] for q in rules.QUADRANTS}

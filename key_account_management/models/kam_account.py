"""A key account: its dimensions (potential, importance, value), tier, care and who changes them."""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.b2b_base import guards
from odoo.exceptions import AccessError, UserError, ValidationError

from .. import rules
from ..const import (
    CARE_STATUS_SELECTION,
    QUADRANT_HELP,
    QUADRANT_SELECTION,
    VALUE_CLASSES,
)

TREND_SELECTION = [("up", "Improving"), ("flat", "Steady"), ("down", "Declining")]
JUDGEMENT_SELECTION = [
    ("0", "Very low"),
    ("25", "Low"),
    ("50", "Medium"),
    ("75", "High"),
    ("100", "Very high"),
]
# Figures only the system writes (the re-tiering, the care refresh, the computes): never a user,
# on create as on write. The tier is the key-account managers' when they pin it.
SYSTEM_FIELDS = (
    "revenue_12m",
    "margin_12m",
    "value_class",
    "scored_date",
    "wallet_share",
    "quadrant",
    "is_key_account",
    "last_visit_date",
    "next_visit_due",
    "care_status",
    # The nightly churn watch (kam_account_churn.py).
    "churn_signal_codes",
    "churn_risk",
    "signals_date",
    "repeat_rate",
    "share_trend",
    # Shown by the matrix view; the thresholds are the company's settings.
    "potential_threshold",
    "share_threshold",
)
TIER_FIELDS = ("tier_id", "tier_locked", "tier_lock_reason")


class KamAccount(models.Model):
    _name = "kam.account"
    _description = "Key Account"
    _inherit = ["mail.thread", "mail.activity.mixin", "kam.input.mixin"]
    _order = "tier_id, revenue_12m desc, id"
    _rec_name = "partner_id"
    _check_company_auto = True

    _sql_constraints = [
        (
            "partner_company_uniq",
            "UNIQUE(partner_id, company_id)",
            "A customer has one key-account record per company.",
        ),
    ]

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        domain="[('parent_id', '=', False)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    manager_id = fields.Many2one(
        "res.users",
        string="Key Account Manager",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    # Potential dimension: three judgements give the 0-100 score (or the rep sets it directly).
    potential_growth = fields.Selection(JUDGEMENT_SELECTION, string="Future Growth")
    potential_concept = fields.Selection(JUDGEMENT_SELECTION, string="Concept Change")
    potential_industry = fields.Selection(JUDGEMENT_SELECTION, string="Industry State")
    potential_score = fields.Integer(
        compute="_compute_potential_score",
        store=True,
        readonly=False,
        tracking=True,
        help="0 to 100: the mean of the three judgements, or set directly when none is given.",
    )
    # Importance dimension.
    brand_influence = fields.Boolean(
        tracking=True, help="A well-known brand or a reference customer."
    )
    government_influence = fields.Boolean(
        tracking=True, help="Influence with government or public institutions."
    )
    # Value dimension, written by the re-tiering.
    revenue_12m = fields.Monetary(string="Revenue 12 Months", readonly=True)
    margin_12m = fields.Monetary(
        string="Gross Margin 12 Months",
        readonly=True,
        help="Revenue less the cost of what was sold, over the same twelve months.",
    )
    value_class = fields.Selection(VALUE_CLASSES, readonly=True, index=True)
    scored_date = fields.Datetime(string="Last Re-tiering", readonly=True)
    # Offense/defense model.
    purchase_potential = fields.Monetary(
        tracking=True, help="The customer's estimated yearly spend on what we sell."
    )
    wallet_share = fields.Float(compute="_compute_wallet_share", store=True)
    # The quadrant lines of the matrix view.
    potential_threshold = fields.Monetary(
        related="company_id.kam_potential_threshold", readonly=True
    )
    share_threshold = fields.Float(related="company_id.kam_share_threshold", readonly=True)
    quadrant = fields.Selection(
        QUADRANT_SELECTION,
        compute="_compute_quadrant",
        store=True,
        index=True,
        help=QUADRANT_HELP,
    )
    # Tier.
    tier_id = fields.Many2one(
        "kam.tier",
        index=True,
        tracking=True,
        check_company=True,
        ondelete="set null",
    )
    tier_locked = fields.Boolean(
        string="Tier Pinned", tracking=True, help="A pinned tier survives re-tiering."
    )
    tier_lock_reason = fields.Char(string="Pin Reason", tracking=True)
    is_key_account = fields.Boolean(related="tier_id.is_key_account", store=True)
    tier_color = fields.Integer(related="tier_id.color")
    history_ids = fields.One2many("kam.tier.history", "account_id", string="Tier History")
    # Care frequency, written set-wise by the daily care refresh and on each completed visit.
    last_visit_date = fields.Date(readonly=True)
    next_visit_due = fields.Date(readonly=True, index=True)
    care_status = fields.Selection(CARE_STATUS_SELECTION, readonly=True, index=True)
    min_visit_days = fields.Integer(related="tier_id.min_visit_days")
    max_visit_days = fields.Integer(related="tier_id.max_visit_days")
    visit_count = fields.Integer(compute="_compute_visit_count", string="Visits")
    relationship_action_ids = fields.One2many(
        "kam.relationship.action", "account_id", string="Relationship Plan"
    )
    relationship_planned = fields.Integer(
        compute="_compute_relationship_plan",
        string="Actions Planned",
        help="Relationship actions planned for this year (cancelled ones left out).",
    )
    relationship_done = fields.Integer(
        compute="_compute_relationship_plan", string="Actions Done", help="...of which done."
    )
    complaint_count = fields.Integer(
        compute="_compute_complaint_counts",
        string="Complaints (12 Months)",
        help="Complaints received in the last twelve months.",
    )
    complaint_open_count = fields.Integer(
        compute="_compute_complaint_counts", string="Open Complaints"
    )
    # Satisfaction: periodic surveys and the visits' scores.
    survey_ids = fields.One2many("kam.satisfaction.survey", "account_id", string="Surveys")
    satisfaction_score = fields.Integer(
        compute="_compute_satisfaction",
        string="Satisfaction",
        help="Latest survey: experience minus expectation, from -4 to +4; above 0 the "
        "customer is satisfied.",
    )
    satisfaction_signed = fields.Char(
        compute="_compute_satisfaction",
        string="Satisfaction (-4 to +4)",
        help="Latest survey: experience minus expectation, from -4 to +4; above 0 the "
        "customer is satisfied. Blank before the first survey.",
    )
    satisfaction_trend = fields.Selection(TREND_SELECTION, compute="_compute_satisfaction")
    survey_count = fields.Integer(compute="_compute_satisfaction", string="Surveys Done")
    satisfaction_history = fields.Char(
        compute="_compute_satisfaction",
        string="Survey Trend",
        help="The latest surveys' scores, oldest first.",
    )
    visit_satisfaction = fields.Float(
        compute="_compute_satisfaction",
        string="Visit Rating (1 to 5, 12 Months)",
        digits=(3, 1),
        help="Mean of the scores (1 to 5) given on visits done in the last twelve months.",
    )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("potential_growth", "potential_concept", "potential_industry")
    def _compute_potential_score(self):
        for account in self:
            judgements = (
                account.potential_growth,
                account.potential_concept,
                account.potential_industry,
            )
            score = rules.potential_score(*(int(j) for j in judgements if j))
            account.potential_score = account.potential_score if score is None else score

    @api.depends("revenue_12m", "purchase_potential")
    def _compute_wallet_share(self):
        for account in self:
            account.wallet_share = rules.wallet_share(
                account.revenue_12m, account.purchase_potential
            )

    @api.depends(
        "purchase_potential",
        "wallet_share",
        "company_id.kam_potential_threshold",
        "company_id.kam_share_threshold",
    )
    def _compute_quadrant(self):
        for account in self:
            account.quadrant = rules.quadrant(
                account.purchase_potential,
                account.wallet_share,
                account.company_id.kam_potential_threshold,
                account.company_id.kam_share_threshold,
            )

    def _compute_visit_count(self):
        counts = {
            (partner, company): count
            for partner, company, count in self.env["kam.visit"]._read_group(
                [
                    ("partner_id", "in", self.partner_id.ids),
                    ("company_id", "in", self.company_id.ids),
                ],
                ["partner_id", "company_id"],
                ["__count"],
            )
        }
        for account in self:
            account.visit_count = counts.get((account.partner_id, account.company_id), 0)

    def _compute_relationship_plan(self):
        year_start = fields.Date.context_today(self).replace(month=1, day=1)
        counts = {
            (account, state): count
            for account, state, count in self.env["kam.relationship.action"]._read_group(
                [
                    ("account_id", "in", self.ids),
                    ("date_planned", ">=", year_start),
                    ("state", "!=", "cancelled"),
                ],
                ["account_id", "state"],
                ["__count"],
            )
        }
        for account in self:
            done = counts.get((account, "done"), 0)
            account.relationship_done = done
            account.relationship_planned = done + counts.get((account, "planned"), 0)

    def _compute_complaint_counts(self):
        year_ago = fields.Datetime.now() - relativedelta(years=1)
        counts = {
            (partner, company, state): count
            for partner, company, state, count in self.env["kam.complaint"]._read_group(
                [
                    ("partner_id", "in", self.partner_id.ids),
                    ("company_id", "in", self.company_id.ids),
                    ("date_received", ">=", year_ago),
                ],
                ["partner_id", "company_id", "state"],
                ["__count"],
            )
        }
        for account in self:
            mine = {
                state: count
                for (partner, company, state), count in counts.items()
                if (partner, company) == (account.partner_id, account.company_id)
            }
            account.complaint_count = sum(mine.values())
            account.complaint_open_count = mine.get("new", 0) + mine.get("responded", 0)

    @api.depends("survey_ids.score", "survey_ids.date")
    def _compute_satisfaction(self):
        year_ago = fields.Datetime.now() - relativedelta(years=1)
        visit_means = {
            (partner, company): mean
            for partner, company, mean in self.env["kam.visit"]._read_group(
                [
                    ("partner_id", "in", self.partner_id.ids),
                    ("company_id", "in", self.company_id.ids),
                    ("state", "=", "done"),
                    ("satisfaction_value", ">", 0),
                    ("date_done", ">=", year_ago),
                ],
                ["partner_id", "company_id"],
                ["satisfaction_value:avg"],
            )
        }
        for account in self:
            scores = account.survey_ids.sorted(lambda s: (s.date, s.id)).mapped("score")
            account.survey_count = len(scores)
            account.satisfaction_score = scores[-1] if scores else 0
            account.satisfaction_signed = rules.signed_score(scores[-1]) if scores else ""
            account.satisfaction_trend = rules.satisfaction_trend(scores)
            account.satisfaction_history = rules.satisfaction_sparkline(scores)
            account.visit_satisfaction = visit_means.get(
                (account.partner_id, account.company_id), 0.0
            )

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("potential_score")
    def _check_potential_score(self):
        if any(not 0 <= account.potential_score <= 100 for account in self):
            raise ValidationError(self.env._("The potential score must be between 0 and 100."))

    @api.constrains("purchase_potential")
    def _check_purchase_potential(self):
        if any(account.purchase_potential < 0 for account in self):
            raise ValidationError(self.env._("The purchase potential cannot be negative."))

    @api.constrains("tier_locked", "tier_lock_reason", "tier_id")
    def _check_tier_lock(self):
        for account in self.filtered("tier_locked"):
            if not account.tier_id or not (account.tier_lock_reason or "").strip():
                raise ValidationError(self.env._("A pinned tier needs a tier and a reason."))

    @api.constrains("partner_id")
    def _check_partner_is_commercial(self):
        for account in self:
            if account.partner_id != account.partner_id.commercial_partner_id:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is a contact: key accounts are customer companies.",
                        partner=account.partner_id.display_name,
                    )
                )

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            defaults = self.default_get(["manager_id"])
            for vals in vals_list:
                self._check_system_fields(vals)
                manager = {**defaults, **vals}.get("manager_id")
                if manager not in (False, None, self.env.uid) and not self._kam_is_manager():
                    raise AccessError(self._ownership_message())
                if any(vals.get(name) for name in TIER_FIELDS) and not self._kam_is_manager():
                    raise AccessError(self._tier_message())
        accounts = super().create(vals_list)
        if not self.env.su:
            # Checked on the result too: defaults (context, user defaults) fill values in.
            accounts._check_new_accounts()
        return accounts

    def write(self, vals):
        if not self.env.su:
            self._check_system_fields(vals)
            self._check_ownership(vals)
        if set(TIER_FIELDS) & vals.keys() and not self._kam_is_manager():
            raise AccessError(self._tier_message())
        if "tier_id" in vals and not self.env.su:
            # As the accounts will be after this write.
            pinned = [vals["tier_locked"]] if "tier_locked" in vals else self.mapped("tier_locked")
            if not all(pinned):
                raise UserError(self._pin_message())
        old_tiers = {account: account.tier_id for account in self} if "tier_id" in vals else {}
        res = super().write(vals)
        changed = self.filtered(lambda a: a in old_tiers and a.tier_id != old_tiers[a])
        if changed:
            self.env["kam.tier.history"].sudo().create(
                [
                    {
                        "account_id": account.id,
                        "old_tier_id": old_tiers[account].id,
                        "new_tier_id": account.tier_id.id,
                        "old_value_class": account.value_class,
                        "new_value_class": account.value_class,
                        "reason": "manual",
                        "note": account.tier_lock_reason,
                    }
                    for account in changed
                ]
            )
        return res

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_recompute_tier(self):
        self.partner_id.kam_recompute_tiers()
        return True

    def action_export_register_xlsx(self):
        """The key-account register as XLSX: the selected accounts, or the current search."""
        Export = self.env["kam.register.export"]
        accounts = Export._xlsx_records_to_export(self)
        return Export.create({"account_ids": accounts.ids}).action_download()

    def action_open_complaints(self):
        return self._kam_open_account_records("key_account_management.kam_complaint_action")

    def action_open_visits(self):
        return self._kam_open_account_records("key_account_management.kam_visit_action")

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    @api.model
    def _check_system_fields(self, vals):
        guards.refuse_system_fields(self, [vals], set(SYSTEM_FIELDS))

    def _check_ownership(self, vals):
        """Reps keep their accounts: only key-account managers hand an account to another rep
        or move it to another customer or company (the values as they would be after)."""
        if self._kam_is_manager():
            return
        for account in self:
            if "manager_id" in vals and vals["manager_id"] not in (
                self.env.uid,
                account.manager_id.id,
            ):
                raise AccessError(self._ownership_message())
            for name in ("partner_id", "company_id"):
                if name in vals and vals[name] != account[name].id:
                    raise AccessError(self._ownership_message())

    def _ownership_message(self):
        return self.env._(
            "Only key-account managers can give an account to another rep or move it to "
            "another customer or company."
        )

    def _check_new_accounts(self):
        # The computed ones (share, quadrant) follow the inputs and take no defaults.
        stored = [name for name in SYSTEM_FIELDS if not self._fields[name].compute]
        for account in self:
            self._check_system_fields({name: True for name in stored if account[name]})
            if any(account[name] for name in TIER_FIELDS):
                if not self._kam_is_manager():
                    raise AccessError(self._tier_message())
                if not account.tier_locked:
                    raise UserError(self._pin_message())

    def _tier_message(self):
        return self.env._("Only key-account managers can change or pin a tier.")

    def _pin_message(self):
        return self.env._(
            "Pin the tier, with a reason, to set it by hand: re-tiering sets the others."
        )

    def _kam_open_account_records(self, xmlid):
        """The records of this account's customer and company behind ``xmlid``'s action, new
        ones filled in with them."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [
            ("partner_id", "=", self.partner_id.id),
            ("company_id", "=", self.company_id.id),
        ]
        action["context"] = {
            "default_partner_id": self.partner_id.id,
            "default_company_id": self.company_id.id,
        }
        return action

    @api.model
    def _kam_accounts_of(self, partners, companies):
        """{(customer, company): account} of these customers in these companies, whoever may
        read them: what links a profile or complaint to its account for the record rules."""
        accounts = self.sudo().search_fetch(
            [("partner_id", "in", partners.ids), ("company_id", "in", companies.ids)],
            ["partner_id", "company_id"],
        )
        return {(a.partner_id, a.company_id): a.id for a in accounts}

    def _kam_is_manager(self):
        return self.env.su or self.env.user.has_group("key_account_management.group_kam_manager")

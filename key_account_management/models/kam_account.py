import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.b2b_base import clock, guards
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, format_date

from .. import rules
from ..const import (
    CARE_STATUS_SELECTION,
    CRON_BATCH,
    QUADRANT_HELP,
    QUADRANT_SELECTION,
    VALUE_CLASSES,
    WRITE_CHUNK,
)

_logger = logging.getLogger(__name__)

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

    _sql_constraints = [
        (
            "partner_company_uniq",
            "UNIQUE(partner_id, company_id)",
            "A customer has one key-account record per company.",
        ),
    ]

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

    def action_recompute_tier(self):
        self.partner_id.kam_recompute_tiers()
        return True

    def action_export_register_xlsx(self):
        """The key-account register as XLSX: the selected accounts, or the current search."""
        Export = self.env["kam.register.export"]
        accounts = Export._kam_records_to_export(self)
        return Export.create({"account_ids": accounts.ids}).action_download()

    def action_open_complaints(self):
        return self._kam_open_account_records("key_account_management.kam_complaint_action")

    def action_open_visits(self):
        return self._kam_open_account_records("key_account_management.kam_visit_action")

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

    # Re-tiering -----------------------------------------------------------------------------

    @api.model
    def _kam_value_query(self, company, date_from, date_to):
        """Trailing revenue and gross margin per commercial partner, untaxed and in company
        currency: (commercial partner id, revenue, margin) rows."""
        # A line's cost at the product's current cost, in the product's unit of measure.
        unit_cost = SQL(
            """
            SELECT pp.id, lu.id AS uom_id,
                   COALESCE((pp.standard_price ->> %s)::numeric, 0) / lu.factor * pu.factor
                       AS cost
              FROM product_product pp
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
              JOIN uom_uom pu ON pu.id = pt.uom_id
              JOIN uom_uom lu ON lu.category_id = pu.category_id
            """,
            str(company.id),
        )
        if company.kam_revenue_source == "invoice":
            return SQL(
                """
                WITH documents AS MATERIALIZED (
                    SELECT m.id, m.commercial_partner_id AS cp, m.amount_untaxed_signed AS revenue,
                           CASE WHEN m.move_type = 'out_refund' THEN -1 ELSE 1 END AS sign
                      FROM account_move m
                     WHERE m.company_id = %(company)s AND m.state = 'posted'
                       AND m.move_type IN ('out_invoice', 'out_refund')
                       AND m.invoice_date >= %(date_from)s AND m.invoice_date <= %(date_to)s
                ), costs AS (
                    SELECT d.cp, SUM(d.sign * l.quantity * c.cost) AS cost
                      FROM documents d
                      JOIN account_move_line l ON l.move_id = d.id AND l.display_type = 'product'
                      JOIN (%(unit_cost)s) c
                        ON c.id = l.product_id AND c.uom_id = l.product_uom_id
                  GROUP BY d.cp
                )
                SELECT d.cp, SUM(d.revenue), SUM(d.revenue) - COALESCE(MAX(c.cost), 0)
                  FROM documents d LEFT JOIN costs c ON c.cp = d.cp
              GROUP BY d.cp
                """,
                company=company.id,
                date_from=date_from.date(),
                date_to=date_to.date(),
                unit_cost=unit_cost,
            )
        if "margin" in self.env["sale.order.line"]._fields:
            # Odoo's Margins app keeps each line's margin at the cost of its day.
            margins = SQL("SUM(COALESCE(sol.margin, 0) / d.rate)")
        else:
            margins = SQL(
                "SUM(sol.price_subtotal / d.rate - sol.product_uom_qty * COALESCE(c.cost, 0))"
            )
        return SQL(
            """
            WITH documents AS MATERIALIZED (
                SELECT so.id, p.commercial_partner_id AS cp,
                       COALESCE(NULLIF(so.currency_rate, 0), 1) AS rate,
                       so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1) AS revenue
                  FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                 WHERE so.company_id = %(company)s AND so.state = 'sale'
                   AND so.date_order >= %(date_from)s AND so.date_order <= %(date_to)s
            ), lines AS (
                SELECT d.cp, %(margins)s AS margin
                  FROM documents d
                  JOIN sale_order_line sol ON sol.order_id = d.id AND sol.display_type IS NULL
             LEFT JOIN (%(unit_cost)s) c
                    ON c.id = sol.product_id AND c.uom_id = sol.product_uom
              GROUP BY d.cp
            )
            SELECT d.cp, SUM(d.revenue), COALESCE(MAX(l.margin), 0)
              FROM documents d LEFT JOIN lines l ON l.cp = d.cp
          GROUP BY d.cp
            """,
            company=company.id,
            date_from=date_from,
            date_to=date_to,
            margins=margins,
            unit_cost=unit_cost,
        )

    @api.model
    def _kam_recompute_company(self, company, partner_ids=None, limit=None):
        """Re-tier one company set-wise: one aggregate query, the rules in Python, then bulk
        writes of the accounts that changed only (with a history row when the tier or the
        value class changed). Classes are always ranked over the whole company.

        :param partner_ids: restrict the writes to these commercial partners (None: all)
        :param limit: write at most this many changed accounts
        :return: (accounts written, changed accounts left for a later call)
        """
        cr = self.env.cr
        self.env.flush_all()
        now = fields.Datetime.now()
        cr.execute(self._kam_value_query(company, now - relativedelta(years=1), now))
        revenues, margins = {}, {}
        for pid, rev, margin in cr.fetchall():
            if rules.finite_number(rev) and rules.finite_number(margin):
                revenues[pid], margins[pid] = float(rev or 0.0), float(margin or 0.0)
            else:  # a NaN order amount must not rank (or break) the whole company
                _logger.warning("Re-tiering: partner %s has revenue %s, counted as 0", pid, rev)
        classes = rules.pareto_classes(
            margins if company.kam_value_basis == "margin" else revenues,
            company.kam_class_a_threshold,
            company.kam_class_b_threshold,
        )
        tiers = self.env["kam.tier"].sudo().search([("company_id", "=", company.id)])
        tier_rules = [tier._as_rule() for tier in tiers]
        key_tiers = set(tiers.filtered("is_key_account").ids)
        cr.execute(
            SQL(
                """
                SELECT partner_id, id, revenue_12m, value_class, wallet_share, quadrant, tier_id,
                       tier_locked, potential_score, brand_influence, government_influence,
                       purchase_potential, margin_12m
                  FROM kam_account WHERE company_id = %s
                """,
                company.id,
            )
        )
        accounts = {row[0]: row[1:] for row in cr.fetchall()}
        candidates = revenues.keys() | accounts.keys()
        if partner_ids is not None:
            candidates &= set(partner_ids)

        changes = []
        for pid in sorted(candidates):
            revenue = round(revenues.get(pid, 0.0), 2)
            margin = round(margins.get(pid, 0.0), 2)
            old = accounts.get(pid)
            if old:
                _id, old_rev, old_class, old_share, old_quad, old_tier, locked = old[:7]
                score, brand, gov, potential, old_margin = old[7:]
            else:
                old_rev = old_class = old_share = old_quad = old_tier = old_margin = None
                locked, score, brand, gov, potential = False, 0, False, False, 0.0
            potential = float(potential or 0.0)
            value_class = classes.get(pid, "c")
            share = rules.wallet_share(revenue, potential)
            quad = (
                rules.quadrant(
                    potential, share, company.kam_potential_threshold, company.kam_share_threshold
                )
                or None
            )
            tier = (
                old_tier
                if locked
                else (rules.match_tier(tier_rules, value_class, score, brand, gov) or None)
            )
            if (
                old is None
                or abs(float(old_rev or 0) - revenue) >= 0.005
                or abs(float(old_margin or 0) - margin) >= 0.005
                or old_class != value_class
                or abs((old_share or 0.0) - share) > rules.EPSILON
                or old_quad != quad
                or old_tier != tier
            ):
                changes.append(
                    (
                        pid,
                        old and old[0],
                        revenue,
                        value_class,
                        share,
                        quad,
                        tier,
                        tier in key_tiers,
                        old_tier,
                        old_class,
                        margin,
                    )
                )
        todo = changes if limit is None else changes[:limit]
        for start in range(0, len(todo), WRITE_CHUNK):
            self._kam_write_changes(company, todo[start : start + WRITE_CHUNK], now)
        if todo:
            # The SQL bypassed the ORM: drop every cached value it may have made stale, the
            # partners' key-account fields and one2many lists included.
            self.env.invalidate_all()
        return len(todo), len(changes) - len(todo)

    @api.model
    def _kam_write_changes(self, company, changes, now):
        """Bulk-write re-tiering results: column arrays through unnest(), one statement for the
        new accounts, one for the changed ones (by primary key) and one for the history."""
        cr = self.env.cr
        meta = {"company": company.id, "uid": self.env.uid, "now": now}
        new = [c for c in changes if not c[1]]
        ids = {c[0]: c[1] for c in changes if c[1]}
        if new:
            pids, _ids, revenues, classes, shares, quads, tiers, is_key = list(
                zip(*new, strict=True)
            )[:8]
            cr.execute(
                SQL(
                    """
                    INSERT INTO kam_account (partner_id, company_id, manager_id, revenue_12m,
                           margin_12m, value_class, wallet_share, quadrant, tier_id, is_key_account,
                           scored_date, potential_score, purchase_potential, brand_influence,
                           government_influence, tier_locked,
                           create_uid, create_date, write_uid, write_date)
                    SELECT v.pid, %(company)s, p.user_id, v.revenue, v.margin, v.value_class,
                           v.share, v.quadrant, v.tier_id, v.is_key, %(now)s, 0, 0, false, false,
                           false, %(uid)s, %(now)s, %(uid)s, %(now)s
                      FROM unnest(%(pids)s::int[], %(revenues)s::numeric[],
                                  %(classes)s::varchar[], %(shares)s::float8[],
                                  %(quads)s::varchar[], %(tiers)s::int[], %(is_key)s::bool[],
                                  %(margins)s::numeric[])
                           AS v(pid, revenue, value_class, share, quadrant, tier_id, is_key,
                                margin)
                      JOIN res_partner p ON p.id = v.pid
                 RETURNING partner_id, id
                    """,
                    **meta,
                    pids=list(pids),
                    revenues=list(revenues),
                    margins=[c[10] for c in new],
                    classes=list(classes),
                    shares=list(shares),
                    quads=list(quads),
                    tiers=list(tiers),
                    is_key=list(is_key),
                )
            )
            ids.update(cr.fetchall())
        old = [c for c in changes if c[1]]
        if old:
            _pids, account_ids, revenues, classes, shares, quads, tiers, is_key = list(
                zip(*old, strict=True)
            )[:8]
            cr.execute(
                SQL(
                    """
                    UPDATE kam_account a
                       SET revenue_12m = v.revenue, margin_12m = v.margin,
                           value_class = v.value_class,
                           wallet_share = v.share, quadrant = v.quadrant, tier_id = v.tier_id,
                           is_key_account = v.is_key, scored_date = %(now)s,
                           write_uid = %(uid)s, write_date = %(now)s
                      FROM unnest(%(ids)s::int[], %(revenues)s::numeric[], %(classes)s::varchar[],
                                  %(shares)s::float8[], %(quads)s::varchar[], %(tiers)s::int[],
                                  %(is_key)s::bool[], %(margins)s::numeric[])
                           AS v(id, revenue, value_class, share, quadrant, tier_id, is_key,
                                margin)
                     WHERE a.id = v.id
                    """,
                    **meta,
                    ids=list(account_ids),
                    revenues=list(revenues),
                    margins=[c[10] for c in old],
                    classes=list(classes),
                    shares=list(shares),
                    quads=list(quads),
                    tiers=list(tiers),
                    is_key=list(is_key),
                )
            )
        moved = [c for c in changes if c[6] != c[8] or c[3] != c[9]]
        if moved:
            cr.execute(
                SQL(
                    """
                    INSERT INTO kam_tier_history (account_id, partner_id, company_id, date,
                           old_tier_id, new_tier_id, old_value_class, new_value_class, reason,
                           user_id, create_uid, create_date, write_uid, write_date)
                    SELECT v.id, v.pid, %(company)s, %(now)s, v.old_tier, v.new_tier,
                           v.old_class, v.new_class, 'auto', %(uid)s,
                           %(uid)s, %(now)s, %(uid)s, %(now)s
                      FROM unnest(%(ids)s::int[], %(pids)s::int[], %(old_tiers)s::int[],
                                  %(new_tiers)s::int[], %(old_classes)s::varchar[],
                                  %(new_classes)s::varchar[])
                           AS v(id, pid, old_tier, new_tier, old_class, new_class)
                    """,
                    **meta,
                    ids=[ids[c[0]] for c in moved],
                    pids=[c[0] for c in moved],
                    old_tiers=[c[8] for c in moved],
                    new_tiers=[c[6] for c in moved],
                    old_classes=[c[9] for c in moved],
                    new_classes=[c[3] for c in moved],
                )
            )

    # Care frequency ---------------------------------------------------------------------------

    @api.model
    def _cron_kam_refresh_care(self):
        """Daily: care status of every account, then a visit activity for the manager of each
        overdue account that has none open yet (CRON_BATCH activities per run)."""
        today = fields.Date.context_today(self)
        companies = self.env["res.company"].sudo().search([])
        written = sum(
            self._kam_each_company(
                companies,
                # Each company's own day: a visit done at 00:30 in Beijing is today's there.
                lambda company: self._kam_refresh_care(
                    company, fields.Date.context_today(clock.company_env(self, company))
                ),
                "Care status",
            )
        )
        scheduled, remaining = self._kam_schedule_overdue_visits(today, CRON_BATCH)
        _logger.info("Care status: %s accounts changed, %s visits scheduled", written, scheduled)
        self.env["ir.cron"]._notify_progress(done=written + scheduled, remaining=remaining)

    @api.model
    def _kam_refresh_care(self, company, today, partner_ids=None):
        """Last visit, next visit due and care status of a company's accounts (or of the given
        commercial partners): one aggregate query, the rule in Python, a bulk write of the
        accounts that changed. Returns how many changed."""
        cr = self.env.cr
        self.env.flush_all()
        partner_filter = (
            SQL("AND partner_id = ANY(%s)", list(partner_ids)) if partner_ids else SQL()
        )
        account_filter = (
            SQL("AND a.partner_id = ANY(%s)", list(partner_ids)) if partner_ids else SQL()
        )
        cr.execute(
            SQL(
                """
                WITH visits AS (
                    SELECT partner_id,
                           (array_agg((date_done AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date
                                      ORDER BY date_done DESC))[1:2] AS dates
                      FROM kam_visit
                     WHERE company_id = %(company)s AND state = 'done' AND date_done IS NOT NULL
                           %(partner_filter)s
                  GROUP BY partner_id
                )
                SELECT a.id, (a.create_date AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date,
                       t.min_visit_days, t.max_visit_days,
                       v.dates[1], v.dates[2], a.last_visit_date, a.next_visit_due, a.care_status
                  FROM kam_account a
             LEFT JOIN kam_tier t ON t.id = a.tier_id
             LEFT JOIN visits v ON v.partner_id = a.partner_id
                 WHERE a.company_id = %(company)s %(account_filter)s
                """,
                company=company.id,
                tz=clock.company_tz(company),
                partner_filter=partner_filter,
                account_filter=account_filter,
            )
        )
        changes = []
        for account_id, since, min_days, max_days, last, previous, *old in cr.fetchall():
            due, status = rules.care_status(last, previous, since, today, min_days, max_days)
            if old != [last, due, status]:
                changes.append((account_id, last, due, status))
        for start in range(0, len(changes), WRITE_CHUNK):
            ids, lasts, dues, statuses = zip(*changes[start : start + WRITE_CHUNK], strict=True)
            cr.execute(
                SQL(
                    """
                    UPDATE kam_account a
                       SET last_visit_date = v.last, next_visit_due = v.due,
                           care_status = v.status
                      FROM unnest(%s::int[], %s::date[], %s::date[], %s::varchar[])
                           AS v(id, last, due, status)
                     WHERE a.id = v.id
                    """,
                    list(ids),
                    list(lasts),
                    list(dues),
                    list(statuses),
                )
            )
        if changes:
            # Also the partners' care fields computed from these columns.
            self.env.invalidate_all()
        return len(changes)

    @api.model
    def _kam_needs_visit_domain(self, today):
        """rules.needs_visit as a domain: overdue, or never visited and past due."""
        return [
            "|",
            ("care_status", "=", "overdue"),
            "&",
            ("care_status", "=", "never"),
            ("next_visit_due", "<", today),
        ]

    def _kam_visit_overdue_summary(self):
        """The activity summary, in the account manager's language."""
        self.ensure_one()
        env = self.with_context(lang=self.manager_id.lang).env
        date = format_date(env, self.next_visit_due)
        if self.care_status == "never":
            return env._("Never visited: a first visit was due on %(date)s", date=date)
        return env._("Visit overdue since %(date)s", date=date)

    @api.model
    def _kam_schedule_overdue_visits(self, today, limit=None):
        """A "visit overdue" activity for the manager of each overdue account without one open.
        Returns (activities created, overdue accounts left for the next run)."""
        activity_type = self.env.ref("key_account_management.mail_activity_type_kam_visit")
        overdue = self.sudo().search_fetch(
            [
                *self._kam_needs_visit_domain(today),
                ("manager_id", "!=", False),
                ("activity_ids", "not any", [("activity_type_id", "=", activity_type.id)]),
            ],
            ["manager_id", "next_visit_due", "partner_id", "care_status"],
        )
        todo = overdue[:limit] if limit else overdue
        model_id = self.env["ir.model"]._get_id(self._name)
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": account.id,
                    "activity_type_id": activity_type.id,
                    "user_id": account.manager_id.id,
                    "date_deadline": today,
                    "automated": True,
                    "summary": account._kam_visit_overdue_summary(),
                }
                for account in todo
            ]
        )
        return len(todo), len(overdue) - len(todo)

    @api.model
    def _cron_kam_weekly_digest(self):
        """Weekly: each company's key-account managers get the care digest in their inbox."""
        today = fields.Date.context_today(self)
        self._kam_each_company(
            self.env["res.company"].sudo().search([]),
            lambda company: self._kam_send_digest(company, today),
            "Weekly care digest",
        )

    @api.model
    def _kam_send_digest(self, company, today):
        manager_group = self.env.ref("key_account_management.group_kam_manager")
        managers = manager_group.users.filtered(
            lambda u, c=company: c in u.company_ids and not u.share
        )
        if not managers:
            return
        data = self._kam_digest_data(company, today)
        for lang in set(managers.mapped("lang")):
            recipients = managers.filtered(lambda u, lang=lang: u.lang == lang)
            self_lang = self.with_context(lang=lang)
            body = self_lang.env["ir.qweb"]._render(
                "key_account_management.kam_weekly_digest", {**data, "company": company}
            )
            self_lang.env["mail.thread"].message_notify(
                partner_ids=recipients.partner_id.ids,
                subject=self_lang.env._(
                    "Key accounts: weekly care digest (%(company)s)", company=company.name
                ),
                body=body,
                model="res.company",
                res_id=company.id,
            )

    @api.model
    def _kam_each_company(self, companies, job, what):
        """``job(company)`` for each company in a savepoint of its own, so that a company whose
        data breaks a nightly job is skipped and logged instead of failing every company.
        Returns the results of the companies done."""
        results = []
        for company in companies:
            try:
                with self.env.cr.savepoint():
                    results.append(job(company))
            except Exception:
                _logger.exception("%s: company %s (id %s) skipped", what, company.name, company.id)
        return results

    @api.model
    def _kam_digest_data(self, company, today, days=7):
        """What the weekly digest reports for one company over the last ``days`` days:
        overdue accounts, visits done per rep and follow-ups missed per rep."""
        since = today - relativedelta(days=days)
        Visit = self.env["kam.visit"].sudo()
        overdue = (
            self.sudo()
            .search([("company_id", "=", company.id), *self._kam_needs_visit_domain(today)])
            .sorted(lambda a: (a.next_visit_due, a.id))
        )
        done = Visit._read_group(
            [
                ("company_id", "=", company.id),
                ("state", "=", "done"),
                ("date_done", ">=", fields.Datetime.to_datetime(since)),
            ],
            ["user_id"],
            ["__count"],
        )
        missed = Visit._read_group(
            [("company_id", "=", company.id), *Visit._kam_follow_up_missed_domain(today)],
            ["user_id"],
            ["__count"],
        )
        return {
            "since": since,
            "today": today,
            "overdue": overdue,
            "done_per_rep": sorted(done, key=lambda row: -row[1]),
            "missed_per_rep": sorted(missed, key=lambda row: -row[1]),
        }

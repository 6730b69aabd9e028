import json
import logging
from collections import defaultdict, namedtuple
from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields, models
from odoo.addons.b2b_base import clock, guards
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, format_amount, format_date, plaintext2html

from .. import rules
from ..const import (
    CHANNEL_TYPES,
    CREDIT_GRADES,
    CREDIT_POLICIES,
    CREDIT_READERS,
    DAILY_BATCH,
    FIGURE_READERS,
    MAX_OVERDUE_DAYS,
    MAX_TERM_DAYS,
    SUGGESTION_DAYS,
    SUGGESTION_MONTHS,
)

_logger = logging.getLogger(__name__)

# Only Credit Managers may change these (server-side, whatever the client or the RPC sends).
CREDIT_MANAGER_FIELDS = {
    "credit_limit",
    "channel_credit_grade",
    "channel_credit_term_days",
    "channel_max_overdue_days",
    "channel_credit_policy",
    "channel_temp_limit",
    "channel_temp_limit_until",
    "channel_review_date",
    "channel_net_margin",
    "channel_credit_hold",
    "channel_credit_hold_reason",
    "channel_credit_hold_info",
    "channel_credit_hold_manual",
    "channel_credit_hold_until",
    "channel_dunning_step_id",
}
# Changing these moves a contact to another commercial entity, and so to another credit line.
HIERARCHY_FIELDS = {"parent_id", "is_company", "commercial_partner_id"}
# Changing these can grant more credit (see _channel_check_not_raised); a contact that leaves
# its company takes the company's limit along as its own.
GRANT_FIELDS = {
    "credit_limit",
    "channel_temp_limit",
    "channel_temp_limit_until",
    "channel_credit_policy",
    "channel_credit_term_days",
    *HIERARCHY_FIELDS,
}

EXPOSURE_FIGURES = (
    "channel_effective_limit",
    "channel_exposure_receivable",
    "channel_exposure_draft",
    "channel_exposure_orders",
    "channel_credit_exposure",
    "channel_credit_available",
)


class CreditFigures(
    namedtuple("CreditFigures", "receivable draft orders overdue oldest_due overdue_amount_days")
):
    """One commercial entity's exposure components and overdue items, in company currency."""

    __slots__ = ()

    @property
    def exposure(self):
        return self.receivable + self.draft + self.orders

    def days_overdue(self, today):
        """Days past due of the oldest open item (0 when nothing is overdue)."""
        return (today - self.oldest_due).days if self.oldest_due else 0


NO_FIGURES = CreditFigures(0.0, 0.0, 0.0, 0.0, None, 0.0)


def _figure(compute, string):
    """A credit figure in company currency, computed set-wise when read. A Float rounded in
    SQL rather than a Monetary: Monetary rounds every assigned value through a currency
    lookup, which dominated the cost of reading thousands of partners. Views show it with
    the monetary widget and channel_currency_id."""
    return fields.Float(compute=compute, string=string, groups=CREDIT_READERS)


def _profile(field_class, *args, **kwargs):
    """A credit profile value: per company, a Credit Manager's decision (see
    CREDIT_MANAGER_FIELDS), read by sales and accounting users, not copied with the partner."""
    return field_class(*args, company_dependent=True, copy=False, groups=CREDIT_READERS, **kwargs)


# The holds the overdue rules set (their reason is re-read with today's overdue days).
OVERDUE_HOLDS = ("dunning", "overdue")


def _hold_data(info):
    """The recorded hold reason ``info`` as {code, ...} (a person's reason: {text}), or {}
    when none is recorded (the 18.0.1.3.0 migration turned older plain texts into records)."""
    try:
        data = json.loads(info) if info else {}
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


class ResPartner(models.Model):
    _inherit = "res.partner"

    channel_type = fields.Selection(CHANNEL_TYPES, company_dependent=True)
    channel_credit_grade = _profile(
        fields.Selection, CREDIT_GRADES, string="Credit Grade", tracking=True
    )
    channel_credit_term_days = _profile(fields.Integer, string="Credit Term (Days)", tracking=True)
    channel_max_overdue_days = _profile(
        fields.Integer,
        string="Max Overdue Days",
        help="An invoice overdue longer than this puts the partner on credit hold.",
    )
    channel_credit_policy = _profile(
        fields.Selection,
        CREDIT_POLICIES,
        string="Credit Policy",
        tracking=True,
        help="What happens when an order goes over the limit or the overdue rule: warn in the "
        "chatter, block the order, or require a release approved by a Credit Manager. Cash "
        "before delivery: orders are confirmed, their deliveries wait until they are paid. "
        "Empty: no credit control.",
    )
    channel_temp_limit = _profile(fields.Float, string="Temporary Credit Limit", tracking=True)
    channel_temp_limit_until = _profile(fields.Date, string="Temporary Limit Until", tracking=True)
    channel_review_date = _profile(fields.Date, string="Next Credit Review")
    channel_net_margin = _profile(
        fields.Float,
        string="Net Margin Override",
        help="Net margin earned on this partner's sales; empty uses the company's.",
    )
    channel_credit_hold = _profile(fields.Boolean, string="Credit Hold", tracking=True)
    # Why the partner is held, as the daily job or a Credit Manager recorded it (a code and
    # its figures, or a person's text): read in the reader's language as the hold reason.
    channel_credit_hold_info = _profile(fields.Char, string="Hold Details")
    # A Credit Manager's hold: the daily job never lifts it (but at its end date).
    channel_credit_hold_manual = _profile(fields.Boolean, string="Manual Hold", tracking=True)
    channel_credit_hold_until = _profile(fields.Date, string="Hold Until", tracking=True)
    # The dunning step the daily job last scheduled in this overdue episode (催收阶梯).
    channel_dunning_step_id = _profile(
        fields.Many2one, "channel.dunning.step", string="Dunning Step", ondelete="set null"
    )
    channel_credit_hold_reason = fields.Char(
        string="Hold Reason",
        compute="_compute_channel_credit_hold_reason",
        inverse="_inverse_channel_credit_hold_reason",
        groups=CREDIT_READERS,
    )
    # Figures read set-wise when displayed: never stored on the partner row.
    channel_currency_id = fields.Many2one("res.currency", compute="_compute_channel_currency_id")
    channel_effective_limit = _figure("_compute_channel_credit", "Effective Limit")
    channel_exposure_receivable = _figure("_compute_channel_credit", "Open Receivables")
    channel_exposure_draft = _figure("_compute_channel_credit", "Draft Invoices")
    channel_exposure_orders = _figure("_compute_channel_credit", "Uninvoiced Orders")
    channel_credit_exposure = _figure("_compute_channel_credit", "Credit Exposure")
    channel_credit_available = _figure("_compute_channel_credit", "Available Credit")
    channel_overdue_amount = _figure("_compute_channel_overdue", "Overdue Amount")
    channel_max_overdue_days_actual = fields.Integer(
        compute="_compute_channel_overdue", string="Days Overdue (Oldest)", groups=CREDIT_READERS
    )
    channel_allowed_overdue_days = fields.Integer(
        compute="_compute_channel_allowed_overdue",
        string="Days Overdue Allowed",
        groups=CREDIT_READERS,
        help="Overdue longer than this holds the distributor: its own maximum, or the dunning "
        "ladder's hold step when that comes first.",
    )
    channel_allowed_overdue_basis = fields.Char(
        compute="_compute_channel_allowed_overdue", string="Which Rule", groups=CREDIT_READERS
    )
    channel_financing_cost = _figure("_compute_channel_overdue", "Financing Cost since Due Dates")
    channel_overdue_net_profit = _figure(
        "_compute_channel_overdue", "Net Profit of Overdue Sales (Untaxed)"
    )
    channel_sales_to_recover_overdue = _figure(
        "_compute_channel_overdue", "Sales to Recover if Lost"
    )
    channel_suggested_limit = _figure("_compute_channel_suggested_limit", "Suggested Limit")
    channel_has_suggested_limit = fields.Boolean(
        compute="_compute_channel_suggested_limit", groups=CREDIT_READERS
    )
    channel_suggested_limit_basis = fields.Char(
        compute="_compute_channel_suggested_limit",
        string="How It Is Calculated",
        groups=CREDIT_READERS,
    )
    channel_is_credit_manager = fields.Boolean(compute="_compute_channel_is_credit_manager")
    channel_figures_visible = fields.Boolean(
        string="Credit Figures Visible", compute="_compute_channel_figures_visible"
    )
    channel_review_ids = fields.One2many(
        "channel.credit.review", "partner_id", string="Credit Reviews", groups=CREDIT_READERS
    )
    channel_collection_contact_ids = fields.One2many(
        "channel.collection.contact",
        "partner_id",
        string="Collection Contacts",
        groups=CREDIT_READERS,
    )
    channel_collection_plan_ids = fields.One2many(
        "channel.collection.plan",
        "partner_id",
        string="Collection Plan",
        groups=CREDIT_READERS,
    )

    @api.constrains("credit_limit", "channel_temp_limit", "channel_temp_limit_until")
    def _check_channel_limits(self):
        today = fields.Date.context_today(self)
        for partner in self.sudo():
            if partner.credit_limit < 0 or partner.channel_temp_limit < 0:
                raise ValidationError(self.env._("A credit limit cannot be negative."))
            if partner.channel_temp_limit and not partner.channel_temp_limit_until:
                raise ValidationError(self.env._("A temporary credit limit needs an end date."))
            if partner.channel_temp_limit and partner.channel_temp_limit_until < today:
                raise ValidationError(
                    self.env._("The temporary credit limit cannot end in the past.")
                )
            if not rules.temporary_until_allowed(partner.channel_temp_limit_until, today):
                raise ValidationError(
                    self.env._("A temporary credit limit lasts one year at most.")
                )

    @api.constrains("channel_credit_term_days", "channel_max_overdue_days", "channel_net_margin")
    def _check_channel_terms(self):
        for partner in self.sudo():
            if not 0 <= partner.channel_credit_term_days <= MAX_TERM_DAYS:
                raise ValidationError(
                    self.env._(
                        "The credit term must be between 0 and %(max)s days.", max=MAX_TERM_DAYS
                    )
                )
            if not 0 <= partner.channel_max_overdue_days <= MAX_OVERDUE_DAYS:
                raise ValidationError(
                    self.env._(
                        "The maximum overdue days must be between 0 and %(max)s.",
                        max=MAX_OVERDUE_DAYS,
                    )
                )
            if not 0 <= partner.channel_net_margin <= 1:
                raise ValidationError(self.env._("The net margin must be between 0% and 100%."))

    @api.depends("channel_credit_hold_info")
    @api.depends_context("company", "lang")
    def _compute_channel_credit_hold_reason(self):
        # A rule's hold says how overdue the distributor is now, not on the night it was set:
        # one query for the partners held by the rules.
        held = self.filtered(
            lambda p: _hold_data(p.channel_credit_hold_info).get("code") in OVERDUE_HOLDS
        )
        figures = held._channel_credit_figures(self.env.company, overdue_only=True) if held else {}
        today = fields.Date.context_today(self)
        for partner in self:
            fig = figures.get(partner.commercial_partner_id.id)
            partner.channel_credit_hold_reason = partner._channel_hold_text(
                partner.channel_credit_hold_info,
                days_now=fig.days_overdue(today) if fig else None,
            )

    def _inverse_channel_credit_hold_reason(self):
        for partner in self:
            reason = partner.channel_credit_hold_reason
            partner.channel_credit_hold_info = reason and json.dumps({"text": reason})
        # Written fields are protected from recomputation: drop what other languages cached.
        self.invalidate_recordset(["channel_credit_hold_reason"])

    @api.depends("channel_max_overdue_days")
    @api.depends_context("company", "lang")
    def _compute_channel_allowed_overdue(self):
        cap = self.env.company._channel_ladder_cap()
        for partner in self:
            commercial = partner.commercial_partner_id
            days, basis = rules.allowed_overdue_days(commercial.channel_max_overdue_days, cap)
            partner.channel_allowed_overdue_days = days
            partner.channel_allowed_overdue_basis = (
                self.env._("the dunning ladder's hold step (day %(day)s)", day=cap + 1)
                if basis == "ladder"
                else self.env._("this distributor's maximum")
            )

    @api.depends_context("company")
    def _compute_channel_currency_id(self):
        self.channel_currency_id = self.env.company.currency_id

    @api.depends_context("company", "uid")
    def _compute_channel_credit(self):
        company = self.env.company
        hidden = self._channel_figures_hidden()
        figures = (self - hidden)._channel_credit_figures(company)
        limits = self.commercial_partner_id._channel_effective_limits(
            fields.Date.context_today(self)
        )
        digits = company.currency_id.decimal_places
        columns = {name: [] for name in EXPOSURE_FIGURES}
        for partner in self:
            fig = figures.get(partner.commercial_partner_id.id, NO_FIGURES)
            exposure = fig.exposure
            limit = 0.0 if partner in hidden else limits[partner.commercial_partner_id.id]
            for name, value in zip(
                EXPOSURE_FIGURES,
                (limit, fig.receivable, fig.draft, fig.orders, exposure, limit - exposure),
                strict=True,
            ):
                columns[name].append(round(value, digits))
        # Lists show these for thousands of partners: fill the cache a column at a time (plain
        # rounded floats, what assigning each record would store) instead of 6 x N assignments.
        for name, values in columns.items():
            self.env.cache.update(self, self._fields[name], values)

    @api.depends_context("company", "uid")
    def _compute_channel_overdue(self):
        company = self.env.company
        visible = self - self._channel_figures_hidden()
        figures = visible._channel_credit_figures(company)
        untaxed = visible._channel_overdue_untaxed(company)
        today = fields.Date.context_today(self)
        digits = company.currency_id.decimal_places
        for partner in self:
            fig = figures.get(partner.commercial_partner_id.id, NO_FIGURES)
            margin = partner.commercial_partner_id._channel_net_margin()
            partner.channel_overdue_amount = round(fig.overdue, digits)
            partner.channel_max_overdue_days_actual = fig.days_overdue(today)
            partner.channel_financing_cost = round(
                rules.financing_cost_of_amount_days(
                    fig.overdue_amount_days, company.channel_interest_rate
                ),
                digits,
            )
            # The margin is earned on the untaxed sale, not on the tax it carries.
            partner.channel_overdue_net_profit = round(
                untaxed.get(partner.commercial_partner_id.id, 0.0) * margin, digits
            )
            partner.channel_sales_to_recover_overdue = round(
                rules.sales_to_recover(fig.overdue, margin), digits
            )

    def _channel_overdue_untaxed(self, company):
        """{commercial partner id: the untaxed part of what is overdue} in ``company``: each
        overdue receivable at its invoice's untaxed share. One query for the set."""
        ids = list(set(self.commercial_partner_id.ids))
        if not ids:
            return {}
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT p.commercial_partner_id,
                       SUM(l.amount_residual * COALESCE(
                           m.amount_untaxed_signed / NULLIF(m.amount_total_signed, 0), 1))
                  FROM account_move_line l
                  JOIN res_partner p ON p.id = l.partner_id
                  JOIN account_account a ON a.id = l.account_id
                  JOIN account_move m ON m.id = l.move_id
                 WHERE p.commercial_partner_id = ANY(%(ids)s) AND l.company_id = %(company)s
                   AND a.account_type = 'asset_receivable' AND l.parent_state = 'posted'
                   AND l.reconciled IS NOT TRUE AND l.date_maturity < %(today)s
              GROUP BY p.commercial_partner_id
                """,
                ids=ids,
                company=company.id,
                today=fields.Date.context_today(self),
            )
        )
        return {pid: float(amount or 0.0) for pid, amount in self.env.cr.fetchall()}

    @api.depends_context("company", "uid")
    def _compute_channel_suggested_limit(self):
        company = self.env.company
        sales = self._channel_recent_sales(company)
        currency = company.currency_id
        hidden = self._channel_figures_hidden()
        for partner in self:
            commercial = partner.commercial_partner_id
            invoiced, ordered = sales[commercial.id] if partner not in hidden else (0.0, 0.0)
            monthly = max(invoiced, ordered) / SUGGESTION_MONTHS
            term = commercial.channel_credit_term_days
            factor = company._channel_grade_factor(commercial.channel_credit_grade)
            suggestion = rules.suggested_limit(monthly, term, factor)
            partner.channel_has_suggested_limit = suggestion is not None
            partner.channel_suggested_limit = currency.round(suggestion or 0.0)
            partner.channel_suggested_limit_basis = suggestion is not None and self.env._(
                "Average monthly sales %(monthly)s (the larger of %(ordered)s ordered and "
                "%(invoiced)s invoiced in the last six months) x %(term)s/30 days of credit term "
                "x %(factor)s for the credit grade = %(suggestion)s",
                monthly=format_amount(self.env, monthly, currency),
                ordered=format_amount(self.env, ordered, currency),
                invoiced=format_amount(self.env, invoiced, currency),
                term=term,
                factor=factor,
                suggestion=format_amount(self.env, suggestion, currency),
            )

    def _channel_recent_sales(self, company):
        """{commercial partner id: (invoiced, ordered)} over the last six months in
        ``company``, in its currency, read in one query."""
        since = fields.Date.context_today(self) - timedelta(days=SUGGESTION_DAYS)
        # What was ordered counts, not only what was invoiced: a distributor's invoices are
        # capped by its own limit, its orders show what it would buy.
        self.env.cr.execute(
            SQL(
                """
                WITH invoiced AS (
                    SELECT m.commercial_partner_id AS cp, SUM(m.amount_total_signed) AS amount
                      FROM account_move m
                     WHERE m.commercial_partner_id = ANY(%(ids)s) AND m.company_id = %(company)s
                       AND m.state = 'posted' AND m.move_type IN ('out_invoice', 'out_refund')
                       AND m.invoice_date >= %(since)s
                  GROUP BY m.commercial_partner_id
                ), ordered AS (
                    SELECT p.commercial_partner_id AS cp,
                           SUM(so.amount_total / COALESCE(NULLIF(so.currency_rate, 0), 1))
                               AS amount
                      FROM sale_order so
                      JOIN res_partner p ON p.id = so.partner_id
                     WHERE p.commercial_partner_id = ANY(%(ids)s) AND so.company_id = %(company)s
                       AND so.state = 'sale' AND so.date_order >= %(since)s
                  GROUP BY p.commercial_partner_id
                )
                SELECT t.id, i.amount, o.amount
                  FROM unnest(%(ids)s::int[]) AS t(id)
             LEFT JOIN invoiced i ON i.cp = t.id
             LEFT JOIN ordered o ON o.cp = t.id
                """,
                ids=list(set(self.commercial_partner_id.ids)),
                company=company.id,
                since=since,
            )
        )
        return {
            pid: (float(invoiced or 0.0), float(ordered or 0.0))
            for pid, invoiced, ordered in self.env.cr.fetchall()
        }

    @api.depends_context("uid")
    def _compute_channel_figures_visible(self):
        hidden = self._channel_figures_hidden()
        for partner in self:
            partner.channel_figures_visible = partner not in hidden

    def _channel_figures_hidden(self):
        """The partners among these whose credit figures (receivables, overdue, exposure,
        limits) the current user may not read: they are the distributor's salesperson's, sales
        managers', Credit Managers' and accounting's; another rep sees none."""
        user = self.env.user
        if self.env.su or any(user.has_group(group) for group in FIGURE_READERS):
            return self.browse()
        return self.filtered(lambda p: p.commercial_partner_id.sudo().user_id != user)

    @api.depends_context("uid")
    def _compute_channel_is_credit_manager(self):
        self.channel_is_credit_manager = self._channel_user_is_credit_manager()

    @api.model_create_multi
    def create(self, vals_list):
        guards.check_input(self, vals_list, CREDIT_MANAGER_FIELDS)
        if any("commercial_partner_id" in vals for vals in vals_list):
            self._channel_check_hierarchy_rights()
        partners = super().create(vals_list)
        if not self._channel_user_is_credit_manager():
            partners._channel_check_new_partners()
        if any(GRANT_FIELDS & vals.keys() for vals in vals_list):
            # A new company's own grant; a new contact adds nothing to its company's.
            partners.filtered(lambda p: p.commercial_partner_id == p)._channel_check_not_raised({})
        partners.filtered("channel_credit_term_days")._channel_sync_payment_term()
        return partners

    def write(self, vals):
        guards.check_input(self, [vals], CREDIT_MANAGER_FIELDS)
        changed = self._channel_changed(vals, CREDIT_MANAGER_FIELDS)
        # Accountants keep Odoo's right to set limits, on partners outside credit control.
        accountant_may = (
            changed == {"credit_limit"}
            and self.env.user.has_group("account.group_account_invoice")
            and not self._channel_controlled()
        )
        if changed and not accountant_may:
            self._channel_check_credit_manager()
        if self._channel_changed(vals, HIERARCHY_FIELDS) and self._channel_controlled():
            self._channel_check_hierarchy_rights()
        if "property_payment_term_id" in vals and self._channel_controlled():
            # The credit term sets it (see _channel_sync_payment_term); contacts only take
            # their company's.
            term = vals["property_payment_term_id"]
            if any(
                term != p.sudo().commercial_partner_id.property_payment_term_id.id for p in self
            ):
                self._channel_check_credit_manager()
        term_changed = self._channel_changed(vals, {"channel_credit_term_days"})
        granted = self._channel_granted() if GRANT_FIELDS & vals.keys() else None
        result = super().write(vals)
        if granted is not None:
            self._channel_check_not_raised(granted)
        if term_changed:
            self._channel_sync_payment_term()
        return result

    def action_channel_review_suggested_limit(self):
        """Show the change (old → new) before a Credit Manager applies it."""
        self.ensure_one()
        self._channel_check_suggestion()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Apply the Suggested Limit"),
            "res_model": "channel.credit.limit.apply",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_id": self.id},
        }

    def action_channel_apply_suggested_limit(self):
        self._channel_check_suggestion()
        currency = self.env.company.currency_id
        for partner in self:
            old, new = partner.credit_limit, partner.channel_suggested_limit
            partner.credit_limit = new
            partner.message_post(
                body=self.env._(
                    "Credit limit set to the suggestion: %(old)s → %(new)s.",
                    old=format_amount(self.env, old, currency),
                    new=format_amount(self.env, new, currency),
                )
            )
        return True

    def action_channel_new_review(self):
        """A credit review of this distributor: the way to a new or higher limit."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Credit Review"),
            "res_model": "channel.credit.review",
            "view_mode": "form",
            "target": "current",
            "context": {"default_partner_id": self.commercial_partner_id.id},
        }

    def action_channel_log_contact(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log a Collection Contact"),
            "res_model": "channel.collection.contact",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_partner_id": self.commercial_partner_id.id,
                "default_company_id": self.env.company.id,
            },
        }

    def action_channel_open_receivables(self):
        return self._channel_open_documents(
            "account.action_account_moves_all",
            [
                ("partner_id.commercial_partner_id", "=", self.commercial_partner_id.id),
                ("account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
                ("reconciled", "=", False),
                ("company_id", "=", self.env.company.id),
            ],
        )

    def action_channel_open_draft_invoices(self):
        return self._channel_open_documents(
            "account.action_move_out_invoice_type",
            [
                ("commercial_partner_id", "=", self.commercial_partner_id.id),
                ("state", "=", "draft"),
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("company_id", "=", self.env.company.id),
            ],
        )

    def action_channel_open_orders(self):
        return self._channel_open_documents(
            "sale.action_orders",
            [
                ("partner_id.commercial_partner_id", "=", self.commercial_partner_id.id),
                ("state", "=", "sale"),
                ("invoice_status", "!=", "invoiced"),
                ("company_id", "=", self.env.company.id),
            ],
        )

    def channel_sales_to_recover(self, loss, margin=None):
        """Extra sales needed to earn back ``loss`` at ``margin`` (default: this partner's
        net margin override, else the company's)."""
        self.ensure_one()
        margin = margin if margin is not None else self.commercial_partner_id._channel_net_margin()
        return rules.sales_to_recover(loss, margin)

    # Business methods --------------------------------------------------------------------------

    def _channel_check_suggestion(self):
        self._channel_check_credit_manager()
        if not all(self.mapped("channel_has_suggested_limit")):
            raise UserError(
                self.env._(
                    "There is no suggested limit: the distributor has no sales in the last six "
                    "months. Set the limit from a credit review instead."
                )
            )

    def _channel_check_credit_manager(self):
        if not self._channel_user_is_credit_manager():
            raise AccessError(
                self.env._(
                    "Only Credit Managers can change credit limits, grades, terms and policies."
                )
            )

    def _channel_granted(self):
        """{commercial partner id: (amount, temporary end, term)} granted in the current
        company (rules.credit_granted)."""
        today = fields.Date.context_today(self)
        return {
            p.id: rules.credit_granted(
                bool(p.channel_credit_policy),
                p.credit_limit,
                p.channel_temp_limit,
                p.channel_temp_limit_until,
                p.channel_credit_term_days,
                today,
            )
            for p in self.sudo().commercial_partner_id
        }

    def _channel_check_not_raised(self, before):
        """A new or higher limit is granted only through a credit review approved by amount
        (channel.credit.review); here a Credit Manager may only lower one."""
        if self.env.su:
            return
        no_credit = rules.credit_granted(False, 0.0, 0.0, None, 0, None)
        for pid, after in self._channel_granted().items():
            if rules.credit_raised(before.get(pid, no_credit), after):
                raise UserError(
                    self.env._(
                        "A new or higher credit limit or a longer credit term for %(partner)s "
                        "is granted through a credit review approved by amount (Credit › "
                        "Credit Reviews). Here they can only be lowered.",
                        partner=self.browse(pid).display_name,
                    )
                )

    def _channel_check_hierarchy_rights(self):
        if not self._channel_user_is_credit_manager():
            raise AccessError(
                self.env._(
                    "Only Credit Managers can move a credit-controlled partner or its contacts "
                    "to another company, make them a company or change their commercial entity: "
                    "their orders would leave the credit line."
                )
            )

    def _channel_check_new_partners(self):
        """A new partner starts with the company's credit defaults, whatever the values,
        context defaults or the creator's own ir.default said (Odoo's own user and company
        creation pass those defaults), and a new company cannot be put among a controlled
        distributor's contacts: anything else is a Credit Manager's decision."""
        allowed = self.env["ir.default"].with_user(SUPERUSER_ID)._get_model_defaults(self._name)
        # Contacts inherit their company's commercial fields (Odoo syncs credit_limit).
        inherited = CREDIT_MANAGER_FIELDS & set(self._commercial_fields())
        for partner in self.sudo():
            commercial = partner.commercial_partner_id
            for name in CREDIT_MANAGER_FIELDS:
                field = self._fields[name]
                if name in inherited and commercial != partner:
                    expected = commercial[name]
                else:
                    expected = field.convert_to_record(
                        field.convert_to_cache(allowed.get(name, False), partner), partner
                    )
                if partner[name] != expected:
                    self._channel_check_credit_manager()
        # Companies created under a parent are their own commercial entity: one look at the
        # parents for the whole batch.
        detached = self.sudo().filtered(
            lambda p: p.parent_id and p.commercial_partner_id != p.parent_id.commercial_partner_id
        )
        if detached and detached.parent_id._channel_controlled():
            self._channel_check_hierarchy_rights()

    def _channel_changed(self, vals, names):
        """The fields among ``names`` whose value ``vals`` changes on any of these partners (a
        form saving the same values changes nothing)."""
        changed = set()
        for name in names & vals.keys():
            field = self._fields[name]
            new = field.convert_to_record(field.convert_to_cache(vals[name], self), self)
            if any(partner[name] != new for partner in self.sudo()):
                changed.add(name)
        return changed

    def _channel_controlled(self):
        """Whether the commercial entity of any of these partners has a credit policy, in any
        company."""
        commercial = self.sudo().commercial_partner_id
        return any(
            commercial.with_company(company).filtered("channel_credit_policy")
            for company in self.env["res.company"].sudo().search([])
        )

    def _channel_lock(self):
        """Serialize credit decisions on these partners: lock in id order (no deadlock between
        multi-partner checks), then write the rows, so that under repeatable read a concurrent
        checker that waited for the lock fails to serialize and its retry sees what this
        transaction decided."""
        self.env.cr.execute(
            SQL(
                "SELECT id FROM res_partner WHERE id = ANY(%s) ORDER BY id FOR NO KEY UPDATE",
                self.ids,
            )
        )
        self.env.cr.execute(
            SQL("UPDATE res_partner SET write_date = write_date WHERE id = ANY(%s)", self.ids)
        )

    @api.model
    def _channel_my_distributors_domain(self):
        """The distributors a user follows in credit reports: all for Credit Managers, else
        those whose salesperson they are (the aging report's record rule says the same)."""
        if self._channel_user_is_credit_manager():
            return []
        return [("user_id", "=", self.env.uid)]

    def _channel_user_is_credit_manager(self):
        return self.env.su or self.env.user.has_group("channel_credit.group_channel_credit_manager")

    def _channel_effective_limits(self, today):
        """{partner id: base limit + unexpired temporary limit}, read in one query."""
        # credit_limit is restricted to invoicing groups; the limit itself is credit status
        # that salespeople may see.
        profiles = self.sudo()
        profiles.fetch(["credit_limit", "channel_temp_limit", "channel_temp_limit_until"])
        return {
            p.id: rules.effective_limit(
                p.credit_limit, p.channel_temp_limit, p.channel_temp_limit_until, today
            )
            for p in profiles
        }

    def _channel_net_margin(self):
        self.ensure_one()
        return self.channel_net_margin or self.env.company.channel_net_margin

    def _channel_credit_figures(self, company, exclude_orders=None, overdue_only=False):
        """Exposure components of these partners' commercial entities (with all their contacts)
        in ``company``, in company currency: one query for the whole set. An order counts for
        each commercial entity among its customer and its invoice address (whoever pays);
        ``exclude_orders`` are left out (the gate adds what they owe itself). With
        ``overdue_only``, only overdue receivables are read (the other figures count 0): all
        that the daily job's holds and dunning need.

        :return: {commercial partner id: CreditFigures}
        """
        self.env.flush_all()
        self.fetch(["commercial_partner_id"])  # not every res.partner column, as prefetch would
        ids = list(set(self.commercial_partner_id.ids))
        if not ids:
            return {}
        today = fields.Date.context_today(self)
        receivables = SQL(
            """
            members AS MATERIALIZED (
                SELECT id, commercial_partner_id AS cp FROM res_partner
                 WHERE commercial_partner_id = ANY(%(ids)s)
            ), receivable AS (
                -- Shaped for account_move_line__unreconciled_index (account, partner).
                SELECT m.cp,
                       SUM(l.amount_residual) AS open,
                       SUM(l.amount_residual) FILTER (WHERE l.date_maturity < %(today)s) AS overdue,
                       MIN(l.date_maturity)
                           FILTER (WHERE l.date_maturity < %(today)s AND l.amount_residual > 0)
                           AS oldest_due,
                       SUM(l.amount_residual * (%(today)s - l.date_maturity))
                           FILTER (WHERE l.date_maturity < %(today)s AND l.amount_residual > 0)
                           AS amount_days
                  FROM account_move_line l
                  JOIN members m ON m.id = l.partner_id
                 WHERE l.account_id = ANY(ARRAY(
                           SELECT id FROM account_account WHERE account_type = 'asset_receivable'))
                   AND l.partner_id = ANY(ARRAY(SELECT id FROM members))
                   AND l.reconciled IS NOT TRUE AND l.parent_state = 'posted'
                   AND l.company_id = %(company)s %(overdue)s
              GROUP BY m.cp
            )
            """,
            ids=ids,
            company=company.id,
            today=today,
            overdue=SQL("AND l.date_maturity < %s", today) if overdue_only else SQL(),
        )
        if overdue_only:
            query = SQL(
                """
            WITH %(receivables)s
            SELECT p.id, 0, 0, 0, r.overdue, r.oldest_due, r.amount_days
              FROM unnest(%(ids)s::int[]) AS p(id)
         LEFT JOIN receivable r ON r.cp = p.id
                """,
                receivables=receivables,
                ids=ids,
            )
        else:
            query = SQL(
                """
            WITH %(receivables)s, draft AS (
                SELECT m.cp, SUM(mv.amount_total_signed) AS amount
                  FROM account_move mv
                  JOIN members m ON m.id = mv.partner_id
                 WHERE mv.partner_id = ANY(ARRAY(SELECT id FROM members))
                   AND mv.company_id = %(company)s
                   -- A draft credit note (or a negative draft invoice) lowers nothing until
                   -- it is posted.
                   AND mv.state = 'draft' AND mv.move_type IN ('out_invoice', 'out_receipt')
                   AND mv.amount_total_signed > 0
              GROUP BY m.cp
            ), payer_orders AS MATERIALIZED (
                SELECT so.id, so.currency_id, m.cp
                  FROM sale_order so JOIN members m ON m.id = so.partner_id
                 WHERE so.partner_id = ANY(ARRAY(SELECT id FROM members))
                   AND so.company_id = %(company)s AND so.state = 'sale'
                   AND so.id != ALL(%(exclude)s::int[])
                 UNION ALL
                -- Billed to one of them for another customer: counts for the payer too.
                SELECT so.id, so.currency_id, m.cp
                  FROM sale_order so
                  JOIN members m ON m.id = so.partner_invoice_id
                  JOIN res_partner customer ON customer.id = so.partner_id
                 WHERE so.partner_invoice_id = ANY(ARRAY(SELECT id FROM members))
                   AND so.partner_invoice_id != so.partner_id AND so.state = 'sale'
                   AND so.company_id = %(company)s AND customer.commercial_partner_id != m.cp
                   AND so.id != ALL(%(exclude)s::int[])
            ), order_lines AS MATERIALIZED (
                -- Ordered but not invoiced yet (delivered or not), taxes included, at today's
                -- rate.
                SELECT so.id, so.cp,
                       GREATEST(sol.product_uom_qty - sol.qty_invoiced, 0)
                       / sol.product_uom_qty * sol.price_total
                       / COALESCE((%(rates)s::jsonb ->> so.currency_id::text)::numeric, 1)
                       AS amount
                  FROM payer_orders so
                  JOIN sale_order_line sol ON sol.order_id = so.id
                 WHERE sol.display_type IS NULL AND sol.product_uom_qty > 0
            ), negative_orders AS (
                -- An order never owes less than nothing, so none offsets another: give back
                -- what the orders with a negative total took off (only those with a
                -- negative line can have one).
                SELECT cp, SUM(total) AS amount
                  FROM (SELECT id, cp, SUM(amount) AS total FROM order_lines
                         WHERE id IN (SELECT id FROM order_lines WHERE amount < 0)
                      GROUP BY id, cp) t
                 WHERE total < 0
              GROUP BY cp
            ), orders AS (
                SELECT l.cp, SUM(l.amount) - COALESCE(MAX(n.amount), 0) AS amount
                  FROM order_lines l LEFT JOIN negative_orders n ON n.cp = l.cp
              GROUP BY l.cp
            )
            SELECT p.id, r.open, d.amount, o.amount, r.overdue, r.oldest_due, r.amount_days
              FROM unnest(%(ids)s::int[]) AS p(id)
         LEFT JOIN receivable r ON r.cp = p.id
         LEFT JOIN draft d ON d.cp = p.id
         LEFT JOIN orders o ON o.cp = p.id
                """,
                receivables=receivables,
                ids=ids,
                company=company.id,
                exclude=exclude_orders.ids if exclude_orders else [],
                rates=json.dumps(self._channel_currency_rates(company)),
            )
        self.env.cr.execute(query)
        return {
            pid: CreditFigures(
                float(recv or 0.0),
                float(draft or 0.0),
                float(orders or 0.0),
                float(overdue or 0.0),
                oldest,
                float(amount_days or 0.0),
            )
            for pid, recv, draft, orders, overdue, oldest, amount_days in self.env.cr.fetchall()
        }

    @api.model
    def _channel_currency_rates(self, company):
        """{currency id: units per unit of the company's currency today}: orders count at
        today's rate, not at the stored rate of their order date."""
        today = fields.Date.context_today(self)
        currencies = self.env["res.currency"].sudo().search([])
        rates = currencies._get_rates(company, today)
        base = rates.get(company.currency_id.id) or 1.0
        return {str(currency_id): rate / base for currency_id, rate in rates.items() if rate}

    def _channel_open_documents(self, xmlid, domain):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action.update(domain=domain, context={"create": False})
        return action

    @api.model
    def _cron_channel_credit_daily(self):
        """Expire temporary limits, set and lift holds from the overdue rule, schedule credit
        reviews and collection activities; per company, set-wise."""
        companies = self.env["res.company"].search([])
        for done, company in enumerate(companies, start=1):
            # One company's bad data must not stop the others.
            try:
                with self.env.cr.savepoint():
                    # In the company's own day: overdue days, promises and dunning steps count
                    # from it, not from the job's UTC date.
                    clock.company_env(self, company)._channel_credit_daily_company(company)
            except Exception:
                _logger.exception("Daily credit job failed for company %s; skipped", company.id)
            self.env["ir.cron"]._notify_progress(done=done, remaining=len(companies) - done)

    def _channel_credit_daily_company(self, company):
        today = fields.Date.context_today(self)
        self._channel_in_batches(
            self.search([("channel_temp_limit_until", "<", today)]),
            lambda partners: partners._channel_expire_temp_limit(),
        )
        controlled = self.search(
            [("channel_credit_policy", "!=", False), ("is_company", "=", True)]
        )
        figures = controlled._channel_credit_figures(company, overdue_only=True)
        review_type = self.env.ref("channel_credit.mail_activity_type_credit_review")
        collection = self.env.ref("channel_credit.mail_activity_type_collection")
        manager = company._channel_credit_manager()
        ladder = self.env["channel.dunning.step"].search([("company_id", "=", company.id)])
        ladder_days = ladder.mapped("days")
        steps = {}
        for partner in controlled:
            index = rules.dunning_step(
                figures.get(partner.id, NO_FIGURES).days_overdue(today), ladder_days
            )
            steps[partner] = ladder[index] if index is not None else ladder.browse()

        self._channel_in_batches(
            controlled, lambda partners: partners._channel_update_holds(figures, today, steps)
        )
        wanted = defaultdict(list)
        for partner in controlled:
            review = partner.channel_review_date
            if review and review <= today + timedelta(days=7):
                wanted[partner].append((review_type, manager, review))
            fig = figures.get(partner.id, NO_FIGURES)
            if not ladder and fig.overdue > 0:
                # Without a dunning ladder: the salesperson collects, the manager from a day.
                wanted[partner].append((collection, partner.user_id or manager, today))
                if fig.days_overdue(today) > company.channel_escalation_days:
                    wanted[partner].append((collection, manager, today))
        self._channel_in_batches(
            self.browse([p.id for p in wanted]),
            lambda partners: partners._channel_schedule_once(wanted),
        )
        if ladder:
            self._channel_in_batches(
                controlled,
                lambda partners: partners._channel_dunning(steps, figures, today, manager),
            )
        self._channel_settle_promises(company, today, manager)

    @api.model
    def _channel_in_batches(self, partners, action):
        """Run the daily ``action`` on the partners a batch at a time; a batch that fails runs
        again one partner at a time, so a bad row is logged and skipped and the others go on."""
        for start in range(0, len(partners), DAILY_BATCH):
            batch = partners[start : start + DAILY_BATCH]
            try:
                with self.env.cr.savepoint():
                    action(batch)
                continue
            except Exception:
                _logger.info("Daily credit job: a batch failed, running it partner by partner")
            for partner in batch:
                try:
                    with self.env.cr.savepoint():
                        action(partner)
                except Exception:
                    _logger.exception("Daily credit job: partner %s skipped", partner.id)

    def _channel_dunning(self, steps, figures, today, manager):
        """Schedule the dunning step each of these partners reached (``steps``), once per overdue
        episode, for whoever the step names, with its script filled in their language; a
        paid-up distributor starts again from the first step next time."""
        paid_up, reached = [], self.browse()
        for partner in self:
            step, done = steps[partner], partner.channel_dunning_step_id
            if not step:
                if done:
                    paid_up.append(partner.id)
            elif not done or done.days < step.days:
                reached |= partner
        self.browse(paid_up).channel_dunning_step_id = False
        collection = self.env.ref("channel_credit.mail_activity_type_collection")
        currency = self.env.company.currency_id
        activities, by_step = [], defaultdict(list)
        for partner in reached:
            step = steps[partner]
            fig = figures.get(partner.id, NO_FIGURES)
            user = manager if step.assign_to == "manager" else (partner.user_id or manager)
            own = step.with_context(lang=user.lang or self.env.lang)
            script = rules.fill_script(
                own.script or "",
                {
                    "partner": partner.display_name,
                    "overdue": format_amount(own.env, fig.overdue, currency),
                    "days": fig.days_overdue(today),
                    "oldest_due": format_date(own.env, fig.oldest_due),
                },
            )
            activities.append(
                partner._channel_activity_values(
                    collection, user, today, own.name, plaintext2html(script) if script else False
                )
            )
            by_step[step].append(partner.id)
        self._channel_create_activities(activities)
        for step, ids in by_step.items():
            self.browse(ids).channel_dunning_step_id = step

    def _channel_settle_promises(self, company, today, manager):
        """Settle the promises whose date has passed: a broken one tells the Credit Manager
        and the salesperson once, in their language."""
        plans = self.env["channel.collection.plan"].search(
            [("company_id", "=", company.id), ("closed", "=", False), ("date", "<", today)]
        )
        for plan in plans:
            broken = plan.state == "broken"
            plan.write({"closed": True, "broken": broken})
            if not broken:
                continue
            partner = plan.partner_id.commercial_partner_id
            for user in manager | plan.user_id:
                own = plan.with_context(lang=user.lang or self.env.lang)
                partner.activity_schedule(
                    "channel_credit.mail_activity_type_collection",
                    user_id=user.id,
                    date_deadline=today,
                    summary=own.env._(
                        "Broken promise: %(amount)s due %(date)s, %(paid)s paid",
                        amount=format_amount(own.env, plan.amount, plan.currency_id),
                        date=format_date(own.env, plan.date),
                        paid=format_amount(own.env, plan.paid_amount, plan.currency_id),
                    ),
                )

    def _channel_expire_temp_limit(self):
        for partner in self:
            own = partner._channel_in_own_language()
            own.message_post(
                body=own.env._(
                    "Temporary credit limit of %(amount)s expired on %(date)s.",
                    amount=format_amount(
                        own.env, partner.channel_temp_limit, self.env.company.currency_id
                    ),
                    date=format_date(own.env, partner.channel_temp_limit_until),
                )
            )
        self.write({"channel_temp_limit": 0.0, "channel_temp_limit_until": False})

    def _channel_rule_hold(self, figures, today, step):
        """The reason the overdue rule or the dunning step reached (``step``) holds this
        partner, as recorded in ``channel_credit_hold_info`` once dumped; None if they do not."""
        self.ensure_one()
        days = figures.days_overdue(today)
        if rules.overdue_too_long(days, self.channel_max_overdue_days):
            return {"code": "overdue", "days": days, "allowed": self.channel_max_overdue_days}
        if step and step.put_on_hold:
            return {"code": "dunning", "days": days, "step": step.id}
        return None

    def _channel_hold_outdated(self, figures, today, step=None):
        """Whether the hold must change today: a manual hold past its end, or the rules now
        holding when they did not (or the other way round); a manual hold stays until its end."""
        self.ensure_one()
        if self.channel_credit_hold_manual:
            return bool(self.channel_credit_hold_until and self.channel_credit_hold_until < today)
        return (self._channel_rule_hold(figures, today, step) is not None) != (
            self.channel_credit_hold
        )

    def _channel_update_holds(self, figures, today, steps=None):
        """Set or lift these partners' holds from the overdue rule and the dunning step each
        reached (``steps``: {partner: step}), with a note each in the partner's language."""
        steps = steps or {}
        outdated = self.filtered(
            lambda p: p._channel_hold_outdated(figures.get(p.id, NO_FIGURES), today, steps.get(p))
        )
        outdated._channel_release_manual_hold()
        changed = {}
        for partner in outdated:
            reason = partner._channel_rule_hold(
                figures.get(partner.id, NO_FIGURES), today, steps.get(partner)
            )
            hold, info = reason is not None, reason and json.dumps(reason)
            if hold != partner.channel_credit_hold:
                changed[partner] = info
                # The note says why; a tracking message as well would only repeat it.
                partner.with_context(mail_notrack=True).write(
                    {"channel_credit_hold": hold, "channel_credit_hold_info": info}
                )
        by_lang = defaultdict(list)
        for partner in changed:
            by_lang[partner._channel_own_lang()].append(partner.id)
        for lang, ids in by_lang.items():
            partners = self.with_context(lang=lang).browse(ids)
            lifted = partners.env._("Credit hold lifted: nothing is overdue too long.")
            partners._message_log_batch(
                {p.id: plaintext2html(p._channel_hold_text(changed[p]) or lifted) for p in partners}
            )

    def _channel_hold_text(self, info, days_now=None):
        """The hold reason recorded as ``info``, in this environment's language; a rule's hold
        with the days overdue ``days_now`` when given (its figures as they are now)."""
        data = _hold_data(info)
        if data.get("code") == "manual":
            if data.get("until"):
                return self.env._(
                    "%(reason)s (held by %(user)s until %(date)s)",
                    reason=data.get("text"),
                    user=data.get("user"),
                    date=format_date(self.env, fields.Date.to_date(data["until"])),
                )
            return self.env._(
                "%(reason)s (held by %(user)s)", reason=data.get("text"), user=data.get("user")
            )
        days = data.get("days") if days_now is None else days_now
        if data.get("code") in OVERDUE_HOLDS and days_now is not None and not days_now:
            return self.env._("Nothing is overdue any more: the daily check lifts the hold.")
        if data.get("code") == "dunning":
            step = self.env["channel.dunning.step"].sudo().browse(data.get("step")).exists()
            return self.env._(
                "Dunning step %(step)s reached: invoice overdue %(days)s days.",
                step=step.name or "-",
                days=days,
            )
        if data.get("code") == "overdue":
            return self.env._(
                "Invoice overdue %(days)s days (allowed: %(allowed)s).",
                days=days,
                allowed=data.get("allowed"),
            )
        return data.get("text") or False

    def _channel_sync_payment_term(self):
        """The credit term sets the payment term of the partner's invoices (in the current
        company), so the overdue rule and the due dates cannot contradict each other."""
        for partner in self.filtered(lambda p: p.is_company or not p.parent_id):
            term = self.env["account.payment.term"]._channel_for_days(
                partner.channel_credit_term_days
            )
            if partner.property_payment_term_id != term:
                # As the system: it applies the Credit Manager's term, whoever created the
                # partner with a company default.
                partner.sudo().property_payment_term_id = term

    def _channel_put_on_hold(self, reason, until=False):
        """A Credit Manager's hold, with a reason and an optional end date."""
        self._channel_check_credit_manager()
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for the hold."))
        if until and until < fields.Date.context_today(self):
            raise UserError(self.env._("A hold cannot end in the past."))
        info = json.dumps(
            {
                "code": "manual",
                "text": reason.strip(),
                "user": self.env.user.name,
                "until": until and fields.Date.to_string(until),
            }
        )
        self.write(
            {
                "channel_credit_hold": True,
                "channel_credit_hold_manual": True,
                "channel_credit_hold_until": until,
                "channel_credit_hold_info": info,
            }
        )
        for partner in self:
            partner.message_post(body=partner._channel_hold_text(info))

    def action_channel_lift_hold(self):
        self._channel_check_credit_manager()
        self._channel_release_manual_hold()
        # The overdue rule may still hold the partner.
        self._channel_update_holds(
            self._channel_credit_figures(self.env.company), fields.Date.context_today(self)
        )
        return True

    def _channel_release_manual_hold(self):
        for partner in self.filtered("channel_credit_hold_manual"):
            partner.write(
                {
                    "channel_credit_hold": False,
                    "channel_credit_hold_manual": False,
                    "channel_credit_hold_until": False,
                    "channel_credit_hold_info": False,
                }
            )
            partner._channel_in_own_language().message_post(
                body=partner._channel_in_own_language().env._("Manual credit hold lifted.")
            )

    def _channel_own_lang(self):
        """This partner's language (else its company's): what the daily job writes on the
        record is read by the people who deal with it, not in the job's language."""
        self.ensure_one()
        return self.lang or self.env.company.partner_id.lang or self.env.lang

    def _channel_in_own_language(self):
        return self.with_context(lang=self._channel_own_lang())

    def _channel_schedule_once(self, wanted):
        """Schedule what ``wanted`` lists for these partners ({partner: [(activity type, user,
        date)]}), one open activity of a type per partner and user: no duplicates day after
        day. One query for the set."""
        open_ones = {
            (a.res_id, a.activity_type_id, a.user_id)
            for a in self.env["mail.activity"].search_fetch(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)],
                ["res_id", "activity_type_id", "user_id"],
            )
        }
        activities = []
        for partner in self:
            for activity_type, user, date in wanted[partner]:
                if (partner.id, activity_type, user) in open_ones:
                    continue
                open_ones.add((partner.id, activity_type, user))
                activities.append(partner._channel_activity_values(activity_type, user, date))
        self._channel_create_activities(activities)

    def _channel_activity_values(self, activity_type, user, date, summary=False, note=False):
        self.ensure_one()
        return {
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
            "activity_type_id": activity_type.id,
            "user_id": user.id,
            "date_deadline": date,
            "summary": summary or activity_type.summary,
            "note": note or activity_type.default_note,
            "automated": True,
        }

    @api.model
    def _channel_create_activities(self, values):
        # No "assigned to you" message per activity: the job schedules a collector's whole day
        # at once; it is on their activities and the collection desk. Created in rounds where a
        # partner and user appear once: the followers a create adds must be unique.
        Activity = self.env["mail.activity"].with_context(mail_activity_quick_update=True)
        while values:
            seen, now, later = set(), [], []
            for vals in values:
                key = (vals["res_id"], vals["user_id"])
                (later if key in seen else now).append(vals)
                seen.add(key)
            Activity.create(now)
            values = later

"""The distributor's credit profile per company: its fields, guards, CRUD and actions."""

from odoo import SUPERUSER_ID, api, fields, models
from odoo.addons.b2b_base import guards
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from .. import rules
from ..const import (
    CHANNEL_TYPES,
    CREDIT_GRADES,
    CREDIT_POLICIES,
    CREDIT_READERS,
    MAX_OVERDUE_DAYS,
    MAX_TERM_DAYS,
)

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


def _profile(field_class, *args, **kwargs):
    """A credit profile value: per company, a Credit Manager's decision (see
    CREDIT_MANAGER_FIELDS), read by sales and accounting users, not copied with the partner."""
    return field_class(*args, company_dependent=True, copy=False, groups=CREDIT_READERS, **kwargs)


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
    channel_is_credit_manager = fields.Boolean(compute="_compute_channel_is_credit_manager")
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

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends_context("uid")
    def _compute_channel_is_credit_manager(self):
        self.channel_is_credit_manager = self._channel_user_is_credit_manager()

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

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

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

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

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

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

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

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

    def _channel_open_documents(self, xmlid, domain):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action.update(domain=domain, context={"create": False})
        return action

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

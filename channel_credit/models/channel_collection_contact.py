from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_amount, format_date

from .. import rules
from ..const import CREDIT_READERS, PORTAL_CHANNEL, PROMISING

# What a contact records of a promise: fixed once the promise is made.
PROMISE_FIELDS = {"promise_amount", "promise_date"}
# A conversation is logged within a week: an older date would let old payments keep a promise.
MAX_BACKDATE_DAYS = 7


class ChannelCollectionContact(models.Model):
    """One conversation with a debtor (催收记录): what they said, what we replied, and the
    promise obtained, which goes into the collection plan where it is kept or broken."""

    _name = "channel.collection.contact"
    _description = "Collection Contact"
    _inherit = ["mail.thread", "channel.credit.input.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Distributor",
        required=True,
        index=True,
        domain="[('is_company', '=', True)]",
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users", string="Collector", required=True, default=lambda self: self.env.user
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    channel = fields.Selection(
        [
            ("call", "Call"),
            ("visit", "Visit"),
            ("message", "Message"),
            ("letter", "Letter"),
            (PORTAL_CHANNEL, "Portal"),
        ],
        required=True,
        default="call",
    )
    contact_name = fields.Char(string="Spoke With")
    step_id = fields.Many2one(
        "channel.dunning.step",
        string="Dunning Step",
        compute="_compute_step_id",
        store=True,
        check_company=True,
    )
    excuse_id = fields.Many2one(
        "channel.collection.excuse", string="Their Reason", check_company=True
    )
    their_words = fields.Text(string="What They Said")
    our_reply = fields.Text(compute="_compute_our_reply", store=True, readonly=False)
    promise_amount = fields.Monetary(string="Promised Amount")
    promise_date = fields.Date(string="Promised For")
    plan_id = fields.Many2one("channel.collection.plan", string="Promise", readonly=True)
    promise_state = fields.Selection(related="plan_id.state", string="Promise Kept")
    outcome = fields.Text()
    # What the promise is measured against: read live, in the company's currency.
    owed_amount = fields.Monetary(
        string="Owed Now",
        compute="_compute_promise_cover",
        help="Everything the distributor owes in this company now: posted invoices not yet "
        "paid, due or not.",
    )
    promised_open_amount = fields.Monetary(
        string="Already Promised",
        compute="_compute_promise_cover",
        help="What the distributor's other open promises add up to.",
    )
    promise_excess = fields.Monetary(
        string="Promised Beyond Owed",
        compute="_compute_promise_cover",
        help="How much the open promises, this one included, exceed what is owed.",
    )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("partner_id", "date")
    def _compute_display_name(self):
        for contact in self:
            contact.display_name = " · ".join(
                filter(
                    None,
                    [contact.partner_id.name, contact.date and format_date(self.env, contact.date)],
                )
            )

    @api.depends("partner_id", "company_id", "promise_amount", "plan_id")
    def _compute_promise_cover(self):
        self.owed_amount = self.promised_open_amount = self.promise_excess = 0.0
        # Figures only where this user reads them: their companies, distributors whose figures
        # are theirs to read (Odoo's onchange checks no access right).
        if not self.env.user.has_groups(CREDIT_READERS):
            return
        readable = self.filtered(lambda c: c.partner_id and c.company_id in self.env.companies)
        for company, contacts in readable.grouped("company_id").items():
            partners = contacts.partner_id.commercial_partner_id.with_company(company)
            shown = partners - partners._channel_figures_hidden()
            if not shown:
                continue
            figures = shown._channel_credit_figures(company)
            # sudo: the promises colleagues obtained count too, for what is still unpaid.
            unpaid = defaultdict(float)
            for plan in (
                self.env["channel.collection.plan"]
                .sudo()
                .search(
                    [
                        ("partner_id", "in", shown.ids),
                        ("company_id", "=", company.id),
                        ("closed", "=", False),
                    ]
                )
            ):
                unpaid[plan.partner_id.id] += max(plan.amount - plan.paid_amount, 0.0)
            for contact in contacts:
                partner = contact.partner_id.commercial_partner_id
                if partner not in shown:
                    continue
                owed = figures[partner.id].receivable if partner.id in figures else 0.0
                plan = contact.plan_id.sudo()
                if plan:
                    # A logged promise counts for what is left of it, nothing once settled.
                    own = max(plan.amount - plan.paid_amount, 0.0) if not plan.closed else 0.0
                    others = unpaid[partner.id] - (own if not plan.closed else 0.0)
                else:
                    own, others = contact.promise_amount, unpaid[partner.id]
                contact.owed_amount = owed
                contact.promised_open_amount = others
                contact.promise_excess = rules.promised_beyond_owed(owed, others, own)

    @api.depends("partner_id", "company_id")
    def _compute_step_id(self):
        for contact in self:
            partner = contact.partner_id.commercial_partner_id.with_company(contact.company_id)
            contact.step_id = partner.sudo().channel_dunning_step_id

    @api.depends("excuse_id")
    def _compute_our_reply(self):
        for contact in self:
            contact.our_reply = contact.excuse_id.suggested_reply

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("promise_amount", "promise_date", "date")
    def _check_promise(self):
        today = fields.Date.context_today(self)
        for contact in self:
            if contact.date > today:
                raise ValidationError(self.env._("A contact is logged once it happened."))
            if (today - contact.date).days > MAX_BACKDATE_DAYS:
                raise ValidationError(
                    self.env._(
                        "A contact is logged within %(days)s days of the conversation.",
                        days=MAX_BACKDATE_DAYS,
                    )
                )
            if contact.promise_amount < 0:
                raise ValidationError(self.env._("A promised amount cannot be negative."))
            if contact.promise_amount and not contact.promise_date:
                raise ValidationError(self.env._("A promise needs the date it was promised for."))
            if contact.promise_date and contact.promise_date < contact.date:
                raise ValidationError(
                    self.env._("A payment cannot be promised for before the conversation.")
                )

    # -------------------------------------------------------------------------
    # ONCHANGE METHODS
    # -------------------------------------------------------------------------

    @api.onchange("promise_amount", "partner_id")
    def _onchange_promise_amount(self):
        if self.partner_id and self.company_id and self.promise_excess:
            return {
                "warning": {
                    "title": self.env._("More promised than owed"),
                    "message": self.env._(
                        "With this promise, %(partner)s has promised %(promised)s but owes "
                        "%(owed)s. Check the amount: a promise covers what is owed.",
                        partner=self.partner_id.display_name,
                        promised=format_amount(
                            self.env,
                            self.promised_open_amount + self.promise_amount,
                            self.currency_id,
                        ),
                        owed=format_amount(self.env, self.owed_amount, self.currency_id),
                    ),
                }
            }
        return None

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        manager = self._is_credit_manager()
        for vals in vals_list:
            if not self.env.su:
                vals.pop("plan_id", None)
                vals.pop("step_id", None)
            if not manager:
                # A salesperson logs their own conversations: escalations go to them.
                vals["user_id"] = self.env.uid
        contacts = super().create(vals_list)
        # Checked on the records made, whatever defaults filled the channel in.
        if not self.env.su and PORTAL_CHANNEL in contacts.mapped("channel"):
            self._refuse_portal_channel()
        contacts._create_promise()
        return contacts

    def write(self, vals):
        if not self.env.su:
            if {"plan_id", "step_id"} & vals.keys() or (
                "user_id" in vals and not self._is_credit_manager()
            ):
                raise AccessError(
                    self.env._("The promise, step and collector of a contact are set by Odoo.")
                )
            # A change to or from the portal's channel (the same channel sent again is none).
            if "channel" in vals and any(
                contact.channel != vals["channel"]
                and PORTAL_CHANNEL in (contact.channel, vals["channel"])
                for contact in self
            ):
                self._refuse_portal_channel()
            if PROMISE_FIELDS & vals.keys() and self.filtered(
                lambda c: c.plan_id or c.promise_amount
            ):
                raise UserError(
                    self.env._(
                        "A promise once logged stays as it was made: log a new contact for a "
                        "new promise."
                    )
                )
        result = super().write(vals)
        self._create_promise()
        return result

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _refuse_portal_channel(self):
        # A portal conversation counts as the distributor's own open promise in the portal.
        raise UserError(
            self.env._(
                "Only the distributor records a conversation through the portal: pick how you "
                "spoke with them."
            )
        )

    def _is_credit_manager(self):
        return self.env.su or self.env.user.has_group("channel_credit.group_channel_credit_manager")

    def _create_promise(self):
        """Put each new promise into the collection plan, where it is kept or broken."""
        cache = self.env.cr.cache
        for contact in self.filtered(lambda c: c.promise_amount and not c.plan_id):
            cache[PROMISING] = cache.get(PROMISING, 0) + 1
            try:
                # The plan is created with the user's rights; sudo for the link only.
                plan = self.env["channel.collection.plan"].create(
                    {
                        "partner_id": contact.partner_id.commercial_partner_id.id,
                        "company_id": contact.company_id.id,
                        "user_id": contact.user_id.id,
                        "date_from": contact.date,
                        "date": contact.promise_date,
                        "amount": contact.promise_amount,
                        "promised_by": contact.contact_name,
                        "note": contact.excuse_id.name,
                    }
                )
            finally:
                cache[PROMISING] -= 1
            contact.sudo().plan_id = plan

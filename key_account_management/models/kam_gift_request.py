from odoo import api, fields, models
from odoo.addons.b2b_base import guards
from odoo.addons.b2b_base.const import APPROVED, REJECTED, SUBMITTED
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare, format_amount

from ..const import MANAGER_GROUP

WORKFLOW_FIELDS = {"state", "approver_id", "decision_date", "tier_id", "first_approver_id"}
FROZEN_ON_SUBMIT = {"partner_id", "recipient_id", "amount", "company_id"}


class KamGiftRequest(models.Model):
    _name = "kam.gift.request"
    _description = "Gift or Reception Request"
    _inherit = ["mail.thread", "mail.activity.mixin", "kam.input.mixin", "b2b.approval.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    request_type = fields.Selection(
        [("gift", "Gift"), ("reception", "Reception")],
        string="Type",
        required=True,
        default="gift",
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('parent_id', '=', False)]",
    )
    visit_id = fields.Many2one("kam.visit", index=True, check_company=True, tracking=True)
    user_id = fields.Many2one(
        "res.users", string="Requested By", required=True, default=lambda self: self.env.user
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(string="Planned For", required=True, default=fields.Date.context_today)
    purpose = fields.Text(string="Reason for the Request", required=True)
    description = fields.Text(string="Gift or Reception Details")
    guest_count = fields.Integer(string="Guests")
    recipient_id = fields.Many2one(
        "res.partner",
        tracking=True,
        domain="[('commercial_partner_id', '=', partner_id), ('is_company', '=', False)]",
        help="The person of the customer the gift or reception is for.",
    )
    # The applicant states the value (the training's request form); not in the chatter.
    amount = fields.Monetary(string="Value")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            (SUBMITTED, "Submitted"),
            (APPROVED, "Approved"),
            (REJECTED, "Refused"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    tier_id = fields.Many2one(
        "kam.tier", readonly=True, copy=False, help="The account's tier when it was submitted."
    )
    approver_id = fields.Many2one("res.users", string="Decided By", readonly=True, copy=False)
    first_approver_id = fields.Many2one(
        "res.users",
        string="First Approval By",
        readonly=True,
        copy=False,
        help="Above the company's amount for a second approval, two key-account managers "
        "decide: this one first.",
    )
    decision_date = fields.Date(string="Decided On", readonly=True, copy=False)
    tier_budget = fields.Monetary(
        related="tier_id.gift_budget", string="Tier Yearly Budget", groups=MANAGER_GROUP
    )
    tier_approved = fields.Monetary(
        related="tier_id.gift_approved", string="Approved This Year", groups=MANAGER_GROUP
    )
    tier_remaining = fields.Monetary(
        related="tier_id.gift_remaining", string="Budget Left", groups=MANAGER_GROUP
    )

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("amount")
    def _check_amount(self):
        if any(request.amount < 0 for request in self):
            raise ValidationError(self.env._("The amount of a request cannot be negative."))

    @api.constrains("guest_count")
    def _check_guest_count(self):
        if any(request.guest_count < 0 for request in self):
            raise ValidationError(self.env._("The number of guests cannot be negative."))

    @api.constrains("recipient_id", "partner_id")
    def _check_recipient(self):
        # The form offers the customer's people only; an RPC call must keep to them too.
        for request in self.filtered("recipient_id"):
            recipient = request.recipient_id
            if recipient.is_company or recipient.commercial_partner_id != request.partner_id:
                raise ValidationError(
                    self.env._(
                        "%(person)s is not a person of %(customer)s: a gift or reception is for "
                        "someone of the customer it is requested for.",
                        person=recipient.display_name,
                        customer=request.partner_id.display_name,
                    )
                )

    @api.constrains("visit_id", "partner_id")
    def _check_visit_customer(self):
        for request in self.filtered("visit_id"):
            if request.visit_id.partner_id != request.partner_id:
                raise ValidationError(
                    self.env._(
                        "The visit %(visit)s is with another customer.", visit=request.visit_id.name
                    )
                )

    # -------------------------------------------------------------------------
    # ONCHANGE METHODS
    # -------------------------------------------------------------------------

    @api.onchange("visit_id")
    def _onchange_visit_id(self):
        # Only from a visit the user may read: the form must not tell whose customer it is.
        visit = self.visit_id._filtered_access("read")
        if visit:
            self.partner_id = visit.partner_id

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # Defaults (context, user defaults) fill values in too: checked by their values.
        defaults = {} if self.env.su else self.default_get([*WORKFLOW_FIELDS, "user_id"])
        for vals in vals_list:
            # The form sends the new request's status and empty decision: that sets nothing.
            guards.drop_form_echo(vals, WORKFLOW_FIELDS, {"state": "draft"})
            self._check_direct_changes(vals)
            self._check_defaults({k: v for k, v in defaults.items() if k not in vals})
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("kam.gift.request") or "/"
        return super().create(vals_list)

    def write(self, vals):
        self._check_direct_changes(vals)
        return super().write(vals)

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_submit(self):
        self._check_state_change(("draft",), self.env._("Only a draft request can be submitted."))
        for request in self:
            missing = [
                label
                for label, given in (
                    (self.env._("its value"), request.amount > 0),
                    (self.env._("its recipient"), request.recipient_id),
                )
                if not given
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "Give %(request)s %(missing)s before submitting it.",
                        request=request.name,
                        missing=self.env._(" and ").join(missing),
                    )
                )
        accounts = (
            self.env["kam.account"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.partner_id.ids),
                    ("company_id", "in", self.company_id.ids),
                ]
            )
        )
        tiers = {(a.partner_id, a.company_id): a.tier_id for a in accounts}
        for request in self:
            tier = tiers.get((request.partner_id, request.company_id), self.env["kam.tier"])
            request.sudo().write({"state": SUBMITTED, "tier_id": tier.id})
            request._kam_notify_managers()
        return True

    def action_approve(self):
        self._check_decision()
        self._check_not_own_request()
        today = fields.Date.context_today(self)
        for request in self:
            rounding = request.currency_id.rounding
            if float_compare(request.amount, 0, precision_rounding=rounding) <= 0:
                raise UserError(
                    self.env._(
                        "Give %(request)s its amount before approving it.", request=request.name
                    )
                )
            request._check_budget(today)
            if request._approval_first_of_two(
                request.amount,
                request.company_id.kam_gift_second_approval,
                self.env._("key-account manager"),
            ):
                continue
            request.sudo().write(
                {"state": APPROVED, "approver_id": self.env.uid, "decision_date": today}
            )
        return True

    def action_reject(self):
        self._check_decision()
        today = fields.Date.context_today(self)
        self.sudo().write({"state": REJECTED, "approver_id": self.env.uid, "decision_date": today})
        return True

    def action_cancel(self):
        self._check_state_change(
            ("draft", SUBMITTED), self.env._("A decided request cannot be cancelled.")
        )
        self.sudo().write({"state": "cancelled"})
        return True

    def action_draft(self):
        self._check_state_change(
            (REJECTED, "cancelled"),
            self.env._("Only a refused or cancelled request goes back to draft."),
        )
        self.sudo().write(
            {
                "state": "draft",
                "approver_id": False,
                "first_approver_id": False,
                "decision_date": False,
            }
        )
        return True

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _approval_requesters(self):
        """Whoever asked, or typed the request in."""
        self.ensure_one()
        return self.user_id | self.create_uid

    def _check_direct_changes(self, vals):
        """The workflow fields move only through the buttons (which check who may press them);
        reps change their drafts only and nobody changes a decided request. Checked on every
        create and write, so no RPC call or context key skips it."""
        if self.env.su:
            return
        if WORKFLOW_FIELDS & vals.keys():
            raise AccessError(self.env._("A request changes state through its buttons only."))
        is_manager = self.env.user.has_group(MANAGER_GROUP)
        if vals.get("user_id", self.env.uid) != self.env.uid and not is_manager:
            raise AccessError(self.env._("You can only make requests in your own name."))
        business = {f for f in vals if not f.startswith(("message_", "activity_"))}
        if not business:
            return
        if any(request.state not in ("draft", SUBMITTED) for request in self):
            raise UserError(self.env._("A decided request can no longer be changed."))
        if not is_manager and any(request.state != "draft" for request in self):
            raise UserError(self.env._("A submitted request can no longer be changed."))
        # What is approved is what was asked: the approvals by amount count on it.
        if FROZEN_ON_SUBMIT & business and any(request.state != "draft" for request in self):
            raise UserError(
                self.env._(
                    "The customer, recipient and value of a submitted request no longer change."
                )
            )

    @api.model
    def _check_defaults(self, defaults):
        """The rules of _check_direct_changes() on the defaults a new request would take."""
        if self.env.su:
            return
        if defaults.get("state", "draft") != "draft" or any(
            defaults.get(name) for name in WORKFLOW_FIELDS - {"state"}
        ):
            raise AccessError(self.env._("A request changes state through its buttons only."))
        if self.env.user.has_group(MANAGER_GROUP):
            return
        if defaults.get("user_id", self.env.uid) != self.env.uid:
            raise AccessError(self.env._("You can only make requests in your own name."))

    def _check_state_change(self, from_states, message):
        if any(request.state not in from_states for request in self):
            raise UserError(message)
        self.check_access("write")

    def _check_decision(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only key-account managers can decide on gift and reception requests.")
            )
        self._check_state_change(
            (SUBMITTED,), self.env._("Only a submitted request can be approved or refused.")
        )

    def _check_budget(self, today):
        """The tier's yearly budget (when set) must cover the amount."""
        tier = self.tier_id
        if not tier or not tier.gift_budget:
            return
        remaining = tier.gift_budget - tier._gift_approved_in(today.year).get(tier, 0.0)
        if float_compare(self.amount, remaining, precision_rounding=self.currency_id.rounding) > 0:
            raise UserError(
                self.env._(
                    "Approving %(amount)s would exceed the yearly budget of tier %(tier)s: "
                    "%(remaining)s left.",
                    amount=format_amount(self.env, self.amount, self.currency_id),
                    tier=tier.name,
                    remaining=format_amount(self.env, remaining, self.currency_id),
                )
            )

    def _kam_notify_managers(self):
        managers = self.env.ref(MANAGER_GROUP).users.filtered(
            lambda u: self.company_id in u.company_ids
        )
        self.message_subscribe(partner_ids=managers.partner_id.ids)
        self.message_post(
            body=self.env._("Submitted for approval by %(user)s.", user=self.env.user.name),
            partner_ids=managers.partner_id.ids,
            subtype_xmlid="mail.mt_comment",
        )

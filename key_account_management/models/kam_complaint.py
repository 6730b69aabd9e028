from datetime import timedelta

from odoo import api, fields, models
from odoo.addons.b2b_base import guards, jobs
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_datetime, plaintext2html

from .. import rules
from ..const import MANAGER_GROUP, SATISFACTION

COMPLAINT_STATES = [
    ("new", "New"),
    ("responded", "Responded"),
    ("resolved", "Resolved"),
    ("closed", "Closed"),
]
# Set by the buttons and the clock only (they check who may and when).
CLOCK_FIELDS = {
    "state",
    "tier_id",
    "response_due",
    "resolution_due",
    "responded_on",
    "resolved_on",
    "closed_on",
    "escalated_response",
    "escalated_resolution",
    "satisfaction",
    "last_update",
    "account_id",
}


class KamComplaint(models.Model):
    """A customer complaint (客户投诉) on the clock: a first response and a resolution within
    the account tier's targets, the customer kept informed at each step, escalation when a
    target is missed, and the customer's satisfaction asked at closing."""

    _name = "kam.complaint"
    _description = "Customer Complaint"
    _inherit = ["mail.thread", "mail.activity.mixin", "kam.input.mixin", "kam.account.link.mixin"]
    _order = "date_received desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('parent_id', '=', False)]",
    )
    contact_id = fields.Many2one(
        "res.partner",
        string="Raised By",
        domain="[('commercial_partner_id', '=', partner_id), ('is_company', '=', False)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    channel = fields.Selection(
        [
            ("phone", "Phone"),
            ("visit", "Visit"),
            ("email", "Email"),
            ("wechat", "WeChat"),
            ("other", "Other"),
        ],
        required=True,
        default="phone",
    )
    severity = fields.Selection(
        [("low", "Low"), ("medium", "Medium"), ("high", "High"), ("critical", "Critical")],
        required=True,
        default="medium",
        tracking=True,
    )
    product_id = fields.Many2one("product.product", check_company=True)
    order_id = fields.Many2one(
        "sale.order",
        string="Sales Order",
        check_company=True,
        domain="[('partner_id', 'child_of', partner_id)]",
    )
    description = fields.Text(required=True)
    date_received = fields.Datetime(
        string="Received", required=True, copy=False, default=fields.Datetime.now
    )
    state = fields.Selection(
        COMPLAINT_STATES, default="new", required=True, tracking=True, index=True, copy=False
    )
    tier_id = fields.Many2one("kam.tier", readonly=True, copy=False)
    response_due = fields.Datetime(string="First Response Due", readonly=True, copy=False)
    resolution_due = fields.Datetime(readonly=True, copy=False)
    responded_on = fields.Datetime(readonly=True, copy=False)
    resolved_on = fields.Datetime(readonly=True, copy=False)
    closed_on = fields.Datetime(readonly=True, copy=False)
    escalated_response = fields.Boolean(readonly=True, copy=False)
    escalated_resolution = fields.Boolean(readonly=True, copy=False)
    satisfaction = fields.Selection(SATISFACTION, readonly=True, copy=False, tracking=True)
    update_ids = fields.One2many("kam.complaint.update", "complaint_id", string="Updates")
    last_update = fields.Datetime(compute="_compute_last_update", store=True, index=True)
    response_late = fields.Boolean(compute="_compute_late")
    resolution_late = fields.Boolean(compute="_compute_late")

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("update_ids.date", "date_received")
    def _compute_last_update(self):
        for complaint in self:
            complaint.last_update = max(
                [complaint.date_received, *complaint.update_ids.mapped("date")], default=False
            )

    def _compute_late(self):
        now = fields.Datetime.now()
        for complaint in self:
            complaint.response_late = rules.target_missed(
                complaint.response_due, complaint.responded_on, now
            )
            complaint.resolution_late = rules.target_missed(
                complaint.resolution_due, complaint.resolved_on, now
            )

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("contact_id", "partner_id", "order_id")
    def _check_customer(self):
        for complaint in self:
            customer = complaint.partner_id
            if customer != customer.commercial_partner_id:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is a contact: a complaint is the customer company's (the "
                        "contact raises it).",
                        partner=customer.display_name,
                    )
                )
            if complaint.contact_id and complaint.contact_id.commercial_partner_id != customer:
                raise ValidationError(
                    self.env._(
                        "%(contact)s does not work for %(customer)s.",
                        contact=complaint.contact_id.display_name,
                        customer=customer.display_name,
                    )
                )
            order_customer = complaint.order_id.partner_id.commercial_partner_id
            if complaint.order_id and order_customer != customer:
                raise ValidationError(
                    self.env._(
                        "The order %(order)s is another customer's.", order=complaint.order_id.name
                    )
                )

    @api.constrains("date_received")
    def _check_date_received(self):
        # Logged late is fine (a call taken on the road); a clock started in the future is not.
        now = fields.Datetime.now()
        for complaint in self:
            if not now - timedelta(days=7) <= complaint.date_received <= now + timedelta(minutes=5):
                raise ValidationError(
                    self.env._("A complaint is logged within a week of receiving it, not ahead.")
                )

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # Context defaults fill values in too: the clock starts from nothing.
            self = self.with_context(
                **{
                    f"default_{name}": "new" if name == "state" else False
                    for name in CLOCK_FIELDS
                    if not self._fields[name].compute  # computed ones compute
                },
            )
        for vals in vals_list:
            # The form sends the new complaint's status and empty clock: a clock that starts
            # from nothing, as a new one does. Anything else is refused.
            guards.drop_form_echo(vals, CLOCK_FIELDS, {"state": "new"})
            self._check_direct_changes(vals)
            # The complaint belongs where its customer does: the customer's company, else the
            # one it is logged in.
            customer = self.env["res.partner"].browse(vals.get("partner_id")).sudo()
            if customer.company_id:
                vals["company_id"] = customer.company_id.id
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("kam.complaint") or "/"
        complaints = super().create(vals_list)
        complaints.sudo()._kam_start_clock()
        return complaints

    def write(self, vals):
        self._check_direct_changes(vals)
        if not self.env.su and "date_received" in vals:
            raise AccessError(self.env._("The clock starts when the complaint is received."))
        if (
            not self.env.su
            and "company_id" in vals
            and self.filtered(lambda c: c.company_id.id != vals["company_id"])
        ):
            raise AccessError(
                self.env._("A complaint stays in the company it was logged in: log a new one.")
            )
        moved = {"partner_id", "company_id"} & vals.keys()
        if moved and not self.env.su and self.filtered(lambda c: c.state != "new"):
            raise UserError(self.env._("A complaint already answered stays with its customer."))
        res = super().write(vals)
        if moved:
            self.sudo()._kam_start_clock()  # the new customer's tier sets the targets
        return res

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_respond(self):
        self._kam_step("new", "responded", "responded_on")
        return True

    def action_resolve(self):
        self._kam_step("responded", "resolved", "resolved_on")
        return True

    def action_close(self):
        """Closing asks the customer's satisfaction first."""
        self.ensure_one()
        self._kam_check_owner()
        if self.state != "resolved":
            raise UserError(self.env._("Resolve the complaint before closing it."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "kam.complaint.close",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }

    def action_reopen(self):
        """The customer is not satisfied: back to work, on the same clock."""
        self._kam_check_owner()
        if self.filtered(lambda c: c.state not in ("resolved", "closed")):
            raise UserError(self.env._("Only a resolved or closed complaint can be reopened."))
        self.sudo().write(
            {"state": "responded", "resolved_on": False, "closed_on": False, "satisfaction": False}
        )
        return True

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _check_direct_changes(self, vals):
        if not self.env.su and CLOCK_FIELDS & vals.keys():
            raise AccessError(
                self.env._("A complaint moves through its buttons; its clock runs by itself.")
            )

    def _kam_start_clock(self):
        """The targets of the account's tier, from the moment the complaint was received."""
        accounts = self.env["kam.account"].search_fetch(
            [
                ("partner_id", "in", self.partner_id.ids),
                ("company_id", "in", self.company_id.ids),
            ],
            ["partner_id", "company_id", "tier_id"],
        )
        tiers = {(a.partner_id, a.company_id): a.tier_id for a in accounts}
        for complaint in self:
            tier = tiers.get((complaint.partner_id, complaint.company_id), self.env["kam.tier"])
            hours, days = complaint.company_id._kam_complaint_targets(tier)
            complaint.write(
                {
                    "tier_id": tier.id,
                    "response_due": complaint.date_received + timedelta(hours=hours),
                    "resolution_due": complaint.date_received + timedelta(days=days),
                }
            )

    def _kam_close(self, satisfaction):
        self._kam_step("resolved", "closed", "closed_on", satisfaction=satisfaction)

    def _kam_step(self, state_from, state_to, stamp, **values):
        """Move to the next step once the customer was told: an update logged at this step."""
        self._kam_check_owner()
        now = fields.Datetime.now()
        for complaint in self:
            if complaint.state != state_from:
                raise UserError(
                    self.env._(
                        "%(complaint)s is %(state)s: this step is not the next one.",
                        complaint=complaint.name,
                        state=dict(COMPLAINT_STATES)[complaint.state],
                    )
                )
            if not complaint.update_ids.filtered(lambda u, step=state_from: u.step == step):
                raise UserError(
                    self.env._(
                        "Keep the customer informed: log what you told them at this step "
                        "before moving %(complaint)s on.",
                        complaint=complaint.name,
                    )
                )
        self.sudo().write({"state": state_to, stamp: now, **values})

    def _kam_check_owner(self):
        if self.env.su or self.env.user.has_group(MANAGER_GROUP):
            return
        if self.filtered(lambda c: c.user_id != self.env.user):
            raise AccessError(
                self.env._("Only the complaint's owner or a key-account manager moves it on.")
            )

    @api.model
    def _cron_kam_complaint_clock(self):
        """Escalate the complaints whose targets were missed (once per target) and remind the
        owners who have not told their customer anything for too long."""
        now = fields.Datetime.now()
        late_response = self.search(
            [("state", "=", "new"), ("response_due", "<", now), ("escalated_response", "=", False)]
        )
        # Each complaint in its own savepoint: a bad row is logged and skipped, not the job.
        jobs.each_in_savepoint(
            late_response,
            lambda c: c._kam_escalate("escalated_response"),
            "Complaint clock",
        )
        late_resolution = self.search(
            [
                ("state", "in", ("new", "responded")),
                ("resolution_due", "<", now),
                ("escalated_resolution", "=", False),
            ]
        )
        jobs.each_in_savepoint(
            late_resolution,
            lambda c: c._kam_escalate("escalated_resolution"),
            "Complaint clock",
        )
        todo = self.env.ref("mail.mail_activity_data_todo")
        for company in self.env["res.company"].search([]):
            silent = self.search(
                [
                    ("company_id", "=", company.id),
                    ("state", "in", ("new", "responded")),
                    ("last_update", "<", now - timedelta(days=company.kam_complaint_update_days)),
                ]
            )
            jobs.each_in_savepoint(
                silent,
                lambda complaints, t=todo, c=company: complaints._kam_remind_silent(t, c),
                "Complaint clock",
            )
        self.env["ir.cron"]._notify_progress(
            done=len(late_response) + len(late_resolution), remaining=0
        )

    def _kam_remind_silent(self, todo, company):
        for complaint in self:
            if complaint.activity_ids.filtered(
                lambda a, c=complaint: a.activity_type_id == todo and a.user_id == c.user_id
            ):
                continue
            own = complaint.with_context(lang=complaint.user_id.lang or self.env.lang)
            complaint.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=complaint.user_id.id,
                summary=own.env._(
                    "No news for the customer for %(days)s days: log an update",
                    days=company.kam_complaint_update_days,
                ),
            )

    def _kam_escalate(self, flag):
        for complaint in self:
            user = complaint._kam_escalation_user()
            own = complaint.with_context(lang=user.lang or self.env.lang)
            if flag == "escalated_response":
                text = own.env._(
                    "%(complaint)s (%(customer)s): no first response by %(due)s.",
                    complaint=complaint.name,
                    customer=complaint.partner_id.name,
                    due=format_datetime(own.env, complaint.response_due, tz=user.tz),
                )
            else:
                text = own.env._(
                    "%(complaint)s (%(customer)s): not resolved by %(due)s.",
                    complaint=complaint.name,
                    customer=complaint.partner_id.name,
                    due=format_datetime(own.env, complaint.resolution_due, tz=user.tz),
                )
            complaint.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=user.id,
                summary=own.env._("Complaint escalated"),
                note=plaintext2html(text),
            )
            complaint.message_post(body=text, subtype_xmlid="mail.mt_note")
            complaint.write({flag: True})

    def _kam_escalation_user(self):
        """Whom a missed target goes to: the owner's sales team leader, else the account's
        key-account manager, else the administrator."""
        self.ensure_one()
        leader = self.user_id.sale_team_id.user_id
        if leader and leader != self.user_id:
            return leader
        account = self.env["kam.account"].search(
            [("partner_id", "=", self.partner_id.id), ("company_id", "=", self.company_id.id)],
            limit=1,
        )
        if account.manager_id and account.manager_id != self.user_id:
            return account.manager_id
        return self.env.ref("base.user_admin")


class KamComplaintUpdate(models.Model):
    """What the customer was told, and when: one line per contact about the complaint."""

    _name = "kam.complaint.update"
    _description = "Complaint Update"
    _inherit = ["kam.input.mixin"]
    _order = "date desc, id desc"

    complaint_id = fields.Many2one("kam.complaint", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="complaint_id.company_id", store=True)
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        "res.users", string="By", required=True, readonly=True, default=lambda self: self.env.user
    )
    note = fields.Text(string="What We Told the Customer", required=True)
    step = fields.Selection(COMPLAINT_STATES, readonly=True, help="The complaint's step then.")

    @api.model_create_multi
    def create(self, vals_list):
        updates = super().create(vals_list)
        for update in updates:
            if not self.env.su or not update.step:
                # Logged now, by whoever logs it, at the complaint's current step, whatever
                # the values or the context said.
                update.sudo().write(
                    {
                        "date": fields.Datetime.now(),
                        "user_id": self.env.uid,
                        "step": update.complaint_id.state,
                    }
                )
        closed = updates.complaint_id.filtered(lambda c: c.state == "closed")
        if closed and not self.env.su:
            raise UserError(self.env._("The complaint is closed: reopen it to log an update."))
        return updates

    def write(self, vals):
        if not self.env.su:
            raise UserError(self.env._("An update stays as logged: log a new one."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never_by_hand(self):
        if not self.env.su:
            raise UserError(self.env._("An update stays as logged: log a new one."))

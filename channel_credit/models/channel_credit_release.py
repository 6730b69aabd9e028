from datetime import timedelta

from odoo import api, fields, models
from odoo.addons.b2b_base.const import APPROVED, REJECTED, SUBMITTED
from odoo.exceptions import AccessError, UserError
from odoo.tools import clean_context, format_amount

# What people may edit: the requester their reason, a Credit Manager also the decision note.
# Everything else (figures, state, decision) is written by the system under sudo(), which no
# client or RPC call can obtain.
REQUESTER_FIELDS = {"reason"}
MANAGER_FIELDS = {"reason", "decision_note"}
# What a person may give when asking for a release by hand; the rest is the system's.
REQUEST_FIELDS = {"order_id", "reason", "state"}


class ChannelCreditRelease(models.Model):
    _name = "channel.credit.release"
    _description = "Credit Release Request"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "channel.credit.input.mixin",
        "b2b.approval.mixin",
    ]
    _order = "request_date desc, id desc"
    _check_company_auto = True

    order_id = fields.Many2one(
        "sale.order", required=True, index=True, ondelete="cascade", check_company=True
    )
    partner_id = fields.Many2one("res.partner", string="Distributor", required=True, index=True)
    company_id = fields.Many2one("res.company", required=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    requester_id = fields.Many2one("res.users", required=True, index=True)
    decider_id = fields.Many2one(
        "res.users",
        string="To Be Decided By",
        readonly=True,
        help="The Credit Manager the request went to: never its own requester.",
    )
    request_date = fields.Datetime(required=True, default=fields.Datetime.now)
    reason = fields.Text(tracking=True, help="Why this order should go through anyway.")
    amount = fields.Monetary(string="Order Amount", readonly=True)
    credit_limit = fields.Monetary(readonly=True)
    exposure = fields.Monetary(string="Exposure with the Order", readonly=True)
    amount_over_limit = fields.Monetary(readonly=True)
    overdue_amount = fields.Monetary(readonly=True)
    overdue_days = fields.Integer(string="Days Overdue (Oldest)", readonly=True)
    check_details = fields.Text(readonly=True)
    state = fields.Selection(
        [
            (SUBMITTED, "Requested"),
            (APPROVED, "Approved"),
            (REJECTED, "Rejected"),
            ("used", "Used"),
            ("expired", "Expired"),
        ],
        default=SUBMITTED,
        required=True,
        tracking=True,
        index=True,
    )
    approver_id = fields.Many2one("res.users", string="Decided By", readonly=True, tracking=True)
    decision_date = fields.Datetime(readonly=True)
    decision_note = fields.Text(tracking=True)
    expiry_date = fields.Datetime(compute="_compute_expiry_date", store=True)
    used_date = fields.Datetime(readonly=True)

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("decision_date", "state", "company_id.channel_release_validity_days")
    def _compute_expiry_date(self):
        for release in self:
            release.expiry_date = release.state in (APPROVED, "used") and (
                release.decision_date
                + timedelta(days=release.company_id.channel_release_validity_days)
            )

    @api.depends("order_id", "partner_id")
    def _compute_display_name(self):
        for release in self:
            release.display_name = self.env._(
                "Credit release for %(order)s", order=release.order_id.name or "?"
            )

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.su:
            return super().create(vals_list)
        # People ask; the figures, the payer and the decision come from the system, whatever
        # the values, context defaults or ir.default say.
        releases = self.browse()
        for vals in vals_list:
            if vals.keys() - REQUEST_FIELDS or vals.get("state", SUBMITTED) != SUBMITTED:
                raise AccessError(
                    self.env._(
                        "A credit release is requested from its order: only the order and a "
                        "reason can be given; Credit Managers decide it with the Approve and "
                        "Reject buttons."
                    )
                )
            order = self.env["sale.order"].browse(vals.get("order_id")).exists()
            if not order:
                raise UserError(self.env._("A credit release needs its sale order."))
            order.check_access("write")
            checks = [
                check
                for check in order._channel_credit_check()
                if check.policy == "approval" and not order._channel_passes(check)
            ]
            if not checks:
                raise UserError(
                    self.env._(
                        "Order %(order)s passes the credit check or is not under the approval "
                        "policy: it needs no credit release.",
                        order=order.display_name,
                    )
                )
            requested = order._channel_request_release(checks)
            if vals.get("reason"):
                requested.write({"reason": vals["reason"]})
            releases |= requested
        return releases

    def write(self, vals):
        if not self.env.su:
            allowed = MANAGER_FIELDS if self._channel_is_manager() else REQUESTER_FIELDS
            if vals.keys() - allowed:
                raise AccessError(
                    self.env._("Credit releases are decided with the Approve and Reject buttons.")
                )
            if self.filtered(lambda r: r.state != SUBMITTED):
                raise UserError(self.env._("A decided credit release can no longer be changed."))
        return super().write(vals)

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_approve(self):
        self._channel_decide(APPROVED)
        return True

    def action_reject(self):
        self._channel_decide(REJECTED)
        return True

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    @api.model
    def _channel_create_request(self, check):
        order = check.order
        # The acting user asks (sudo keeps the uid); a job, a portal customer or a public
        # payment asks on behalf of the order's salesperson, who cannot then approve it.
        user = self.env.user
        requester = user if not (user._is_superuser() or user.share) else order.user_id
        requester = requester or user
        if requester != user:
            # Asked on the salesperson's behalf: what is written is read by our people, in the
            # salesperson's language, not the customer's.
            return self.with_context(lang=requester.lang)._channel_write_request(
                check._replace(order=order.with_context(lang=requester.lang)), requester
            )
        return self._channel_write_request(check, requester)

    @api.model
    def _channel_write_request(self, check, requester):
        order = check.order
        user = self.env.user
        # Four eyes from the start: a Credit Manager's own request goes to someone else.
        decider = order.company_id._channel_release_decider(requester)
        if not decider:
            raise UserError(
                self.env._(
                    "Your own credit release must be decided by another Credit Manager, and "
                    "%(company)s has none: ask an administrator to name a second Credit "
                    "Manager or a Credit Director.",
                    company=order.company_id.name,
                )
            )
        release = self.with_context(clean_context(self.env.context)).create(
            {
                "order_id": order.id,
                "partner_id": check.partner.id,
                "company_id": order.company_id.id,
                "requester_id": requester.id,
                "decider_id": decider.id,
                # Explicit values: no context default or ir.default can decide for a manager.
                "state": SUBMITTED,
                "approver_id": False,
                "decision_date": False,
                "decision_note": False,
                "used_date": False,
                "amount": check.amount,
                "credit_limit": check.limit,
                "exposure": check.exposure,
                "amount_over_limit": max(check.exposure - check.limit, 0.0),
                "overdue_amount": check.figures.overdue,
                "overdue_days": check.overdue_days,
                "check_details": order._channel_credit_message(check),
            }
        )
        release.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=decider.id,
            # Read by the Credit Manager: in their language, not the requester's.
            summary=self.with_context(lang=decider.lang).env._("Decide on a credit release"),
        )
        order.message_post(
            body=self.env._("Credit release requested: %(details)s", details=release.check_details),
            subtype_xmlid="mail.mt_note",
        )
        if requester != user and order.user_id:
            # Asked on the salesperson's behalf (the customer accepted online): they hear of it.
            order.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=order.user_id.id,
                summary=self.with_context(lang=order.user_id.lang).env._(
                    "Accepted online: waiting for credit approval"
                ),
            )
        return release

    def _channel_decide(self, state):
        if not self._channel_is_manager():
            raise AccessError(
                self.env._("Only Credit Managers can approve or reject credit releases.")
            )
        for release in self:
            if release.state != SUBMITTED:
                raise UserError(self.env._("Only a requested credit release can be decided."))
            if state == APPROVED:
                release._check_not_own_request()
            release.sudo().write(
                {
                    "state": state,
                    "approver_id": self.env.uid,
                    "decision_date": fields.Datetime.now(),
                }
            )
            release.activity_unlink(["mail.mail_activity_data_todo"])
            label = dict(self._fields["state"]._description_selection(self.env))[state]

            def money(value, currency=release.currency_id):
                return format_amount(self.env, value, currency)

            body = self.env._(
                "%(decision)s by %(user)s: order %(amount)s, exposure %(exposure)s, "
                "limit %(limit)s, over by %(over)s, overdue %(overdue)s.",
                decision=label,
                user=self.env.user.name,
                amount=money(release.amount),
                exposure=money(release.exposure),
                limit=money(release.credit_limit),
                over=money(release.amount_over_limit),
                overdue=money(release.overdue_amount),
            )
            release._channel_log(body)

    def _approval_requesters(self):
        """The requester (a job's or a customer's request is the salesperson's)."""
        self.ensure_one()
        return self.requester_id

    def _channel_use(self, check, message):
        """An approved release lets its order confirm once; log the figures of that moment."""
        self.ensure_one()
        self.sudo().write({"state": "used", "used_date": fields.Datetime.now()})
        body = self.env._(
            "Confirmed over the credit check with the release approved by %(user)s.\n%(details)s",
            user=self.approver_id.name,
            details=message,
        )
        self._channel_log(body)

    def _channel_log(self, body):
        """Log on the release and its order as the acting user (who may not be allowed to post
        on a salesperson's order)."""
        self.ensure_one()
        author = self.env.user.partner_id.id
        for record in (self.sudo(), self.order_id.sudo()):
            record.message_post(body=body, author_id=author, subtype_xmlid="mail.mt_note")

    def _channel_is_manager(self):
        return self.env.user.has_group("channel_credit.group_channel_credit_manager")

    def _channel_open_action(self):
        action = {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "name": self.env._("Credit Release Requests"),
        }
        if len(self) == 1:
            action.update(view_mode="form", res_id=self.id, target="new")
        else:
            action.update(view_mode="list,form", domain=[("id", "in", self.ids)])
        return action

    @api.model
    def _cron_expire_releases(self):
        expired = self.search(
            [("state", "=", APPROVED), ("expiry_date", "<", fields.Datetime.now())]
        )
        expired.sudo().write({"state": "expired"})

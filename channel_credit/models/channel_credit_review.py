"""Credit reviews (授信): the record, its approval chain and how an approved review is applied
(the investigation and the limit have files of their own)."""

from odoo import Command, api, fields, models
from odoo.addons.b2b_base.const import APPROVED, REJECTED, SUBMITTED
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_amount, format_date

from .. import rules
from ..const import CREDIT_GRADES, MAX_TERM_DAYS

REVIEW_KINDS = [("limit", "Credit Limit"), ("temporary", "Temporary Increase")]
REVIEW_STATES = [
    ("draft", "Draft"),
    # Approved reviews are applied at once (the last approval applies them): "Applied".
    (SUBMITTED, "To Approve"),
    (APPROVED, "Applied"),
    (REJECTED, "Rejected"),
]
# Set by the approval chain only, never by a create or write from a person.
WORKFLOW_FIELDS = {
    "state",
    "submitted_by_id",
    "approval_amount",
    "approval_ids",
    "editor_ids",
    "opening",
}
# Computed from the investigation; stored, so writable over RPC unless refused.
SCORE_FIELDS = {"score", "score_grade"}


class ChannelCreditReview(models.Model):
    """A credit review (授信): the investigation and its score give the grade, the grade and
    the distributor's sales (or, for a new one, its purchase plan) give the limit, and the
    limit goes through the approval chain its amount requires before it reaches the
    distributor. A temporary increase goes through the same chain with an end date."""

    _name = "channel.credit.review"
    _description = "Credit Review"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "channel.credit.input.mixin",
        "b2b.approval.mixin",
    ]
    _order = "date desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Distributor",
        required=True,
        index=True,
        domain="[('is_company', '=', True)]",
        tracking=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    kind = fields.Selection(REVIEW_KINDS, string="Type", default="limit", required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    reviewer_id = fields.Many2one(
        "res.users", string="Proposed By", default=lambda self: self.env.user, required=True
    )
    opening = fields.Boolean(
        string="Opening Credit",
        readonly=True,
        help="The limit the distributor had when the company went live, imported by an "
        "administrator with its reason (in the notes), not granted through the chain.",
    )
    # The approval chain
    state = fields.Selection(REVIEW_STATES, default="draft", required=True, tracking=True)
    submitted_by_id = fields.Many2one("res.users", readonly=True)
    # Whoever changed the proposal shares it: none of them approves it.
    editor_ids = fields.Many2many("res.users", string="Proposed With", readonly=True)
    approval_amount = fields.Monetary(
        readonly=True, help="The credit the distributor will have: it decides the chain."
    )
    approval_ids = fields.One2many(
        "channel.credit.review.approval", "review_id", string="Approvals", readonly=True
    )
    can_approve = fields.Boolean(
        compute="_compute_can_approve", search="_search_can_approve", string="Waiting for Me"
    )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("partner_id", "kind", "date")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for review in self:
            review.display_name = " · ".join(
                filter(
                    None,
                    [
                        review.partner_id.display_name,
                        kinds.get(review.kind),
                        str(review.date or ""),
                    ],
                )
            )

    @api.depends_context("uid")
    @api.depends("state", "approval_ids.state")
    def _compute_can_approve(self):
        for review in self:
            review.can_approve = bool(review._approval_problem(self.env.user) is None)

    def _search_can_approve(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on Waiting for Me."))
        waiting = self.search([("state", "=", SUBMITTED)]).filtered("can_approve")
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", waiting.ids)]

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains(
        "credit_limit",
        "years_in_business",
        "registered_capital",
        "planned_monthly_purchase",
        "deposit",
        "temp_limit",
        "next_review_date",
        "date",
        "term_days",
        "temp_until",
    )
    def _check_review_figures(self):
        for review in self:
            figures = (
                review.credit_limit,
                review.years_in_business,
                review.registered_capital,
                review.planned_monthly_purchase,
                review.deposit,
                review.temp_limit,
            )
            if min(figures) < 0:
                raise ValidationError(self.env._("Review figures cannot be negative."))
            if not rules.temporary_until_allowed(review.temp_until, review.date):
                raise ValidationError(
                    self.env._("A temporary increase lasts one year at most from the review.")
                )
            if review.next_review_date and review.next_review_date <= review.date:
                raise ValidationError(self.env._("The next review must come after this one."))
            if not 0 <= review.term_days <= MAX_TERM_DAYS:
                raise ValidationError(
                    self.env._(
                        "The credit term must be between 0 and %(max)s days.", max=MAX_TERM_DAYS
                    )
                )

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "line_ids" not in vals and vals.get("company_id"):
                # The review's own company's checklist, not the user's current company's.
                company = self.env["res.company"].browse(vals["company_id"])
                vals["line_ids"] = self._default_line_ids(company)
            if self.env.su:
                continue
            # A review starts as a draft proposed by its creator, whatever the client,
            # context defaults or ir.default say.
            for name in ("approval_ids", *SCORE_FIELDS):
                vals.pop(name, None)
            vals.update(
                state="draft",
                reviewer_id=self.env.uid,
                submitted_by_id=False,
                approval_amount=0.0,
                editor_ids=[Command.set([self.env.uid])],
                # Only the administrator's import of the going-live limits makes one.
                opening=False,
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            if (WORKFLOW_FIELDS | SCORE_FIELDS) & vals.keys() or "reviewer_id" in vals:
                raise AccessError(self._workflow_message())
            self._check_draft()
            self._add_editor()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        # A review once submitted keeps its decisions, even rejected and reopened.
        if not self.env.su and self.filtered(lambda r: r.state != "draft" or r.submitted_by_id):
            raise UserError(self.env._("A submitted or applied credit review is kept as a record."))

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_submit(self):
        # Its proposer or a Credit Manager submits it (the record rules on writing).
        self.check_access("write")
        for review in self:
            review._check_draft()
            review._check_complete()
            amount, steps = review._approval_chain()
            review.sudo().write(
                {
                    "state": SUBMITTED,
                    "submitted_by_id": self.env.uid,
                    "approval_amount": amount,
                    "approval_ids": [Command.clear()] + [Command.create(vals) for vals in steps],
                }
            )
            review.message_post(
                body=self.env._(
                    "Submitted for approval: %(amount)s of credit, approved by %(chain)s.",
                    amount=format_amount(self.env, amount, review.currency_id),
                    chain=" → ".join(review.approval_ids.mapped("name")),
                ),
                subtype_xmlid="mail.mt_note",
            )
            review._schedule_next_approval()
        return True

    def action_decide(self):
        """The approver's dialog: approve or reject the step waiting for them, with a note."""
        self.ensure_one()
        problem = self._approval_problem(self.env.user)
        if problem:
            raise UserError(problem)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Decide on the Credit Review"),
            "res_model": "channel.credit.review.decide",
            "view_mode": "form",
            "target": "new",
            "context": {"default_review_id": self.id},
        }

    def action_reset_draft(self):
        for review in self:
            if review.state != REJECTED:
                raise UserError(self.env._("Only a rejected review can be taken back to draft."))
            if self.env.user not in (review.reviewer_id, review.submitted_by_id) and not (
                self.env.user.has_group("channel_credit.group_channel_credit_manager")
            ):
                raise AccessError(
                    self.env._("Only its proposer or a Credit Manager can reopen a review.")
                )
            # The decisions stay in the chatter; a new submission gets a new chain.
            review.sudo().write({"state": "draft", "approval_ids": [Command.clear()]})
        return True

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _decide(self, approve, note):
        """Record the current user's decision on the step waiting for them; the last approval
        applies the review."""
        self.ensure_one()
        problem = self._approval_problem(self.env.user)
        if problem:
            raise UserError(problem)
        if not approve and not (note or "").strip():
            raise UserError(self.env._("Say why the review is rejected."))
        step = self._pending_step()
        # The chain's record is written by the chain only: approvers need no rights on it.
        step.sudo().write(
            {
                "state": "approved" if approve else "rejected",
                "user_id": self.env.uid,
                "decided_on": fields.Datetime.now(),
                "note": note,
            }
        )
        # The approvers decide through the chain, not by editing the review: they log and
        # close their to-do as themselves (sudo keeps the user) without write access to it.
        review = self.sudo()
        review.activity_unlink(["mail.mail_activity_data_todo"])
        body = (
            self.env._("%(level)s: approved by %(user)s.", level=step.name, user=self.env.user.name)
            if approve
            else self.env._(
                "%(level)s: rejected by %(user)s: %(note)s",
                level=step.name,
                user=self.env.user.name,
                note=note,
            )
        )
        if approve and note:
            body += " " + note
        review.message_post(body=body, subtype_xmlid="mail.mt_note")
        if not approve:
            review.state = REJECTED
        elif self._pending_step():
            self._schedule_next_approval()
        else:
            self._apply()

    def _apply(self):
        """Give the distributor what the chain approved. sudo: the approvers decided (a sales
        manager may approve a small limit) and need not be Credit Managers."""
        self.ensure_one()
        self._check_complete()
        _amount, steps = self._approval_chain()
        needed = [(vals.get("level_id", False), vals["group_id"]) for vals in steps]
        approved = {(step.level_id.id, step.group_id.id) for step in self.approval_ids}
        if not approved.issuperset(needed):
            names = [
                self.env["channel.credit.approval.level"].browse(level).name
                or self.env["res.groups"].browse(group).name
                for level, group in needed
            ]
            raise UserError(
                self.env._(
                    "The distributor's credit changed since this review was submitted: it now "
                    "needs %(chain)s. Reject it and submit it again.",
                    chain=" → ".join(names),
                )
            )
        partner = self._partner().sudo()
        if self.kind == "temporary":
            partner.write(
                {"channel_temp_limit": self.temp_limit, "channel_temp_limit_until": self.temp_until}
            )
        else:
            partner.write(
                {
                    "channel_credit_grade": self.grade,
                    "credit_limit": self.credit_limit,
                    "channel_credit_term_days": self.term_days,
                    "channel_review_date": self.next_review_date,
                }
            )
        self.sudo().state = APPROVED
        approvers = ", ".join(self.approval_ids.mapped("user_id.name"))
        money = self.currency_id
        if self.kind == "temporary":
            body = self.env._(
                "Temporary credit increase of %(amount)s until %(until)s, approved by "
                "%(approvers)s (credit review of %(date)s).",
                amount=format_amount(self.env, self.temp_limit, money),
                until=format_date(self.env, self.temp_until),
                approvers=approvers,
                date=format_date(self.env, self.date),
            )
        else:
            body = self.env._(
                "Credit review of %(date)s applied: grade %(grade)s, limit %(limit)s, term "
                "%(term)s days, approved by %(approvers)s.",
                date=format_date(self.env, self.date),
                grade=dict(CREDIT_GRADES)[self.grade],
                limit=format_amount(self.env, self.credit_limit, money),
                term=self.term_days,
                approvers=approvers,
            )
        partner.message_post(body=body, subtype_xmlid="mail.mt_note")
        self.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")

    def _partner(self):
        return self.partner_id.commercial_partner_id.with_company(self.company_id)

    def _check_draft(self):
        if not self.env.su and self.filtered(lambda r: r.state != "draft"):
            raise UserError(
                self.env._(
                    "A submitted credit review cannot be changed: reject it and reopen it, or "
                    "start a new review."
                )
            )

    def _approval_chain(self):
        """(the credit the distributor will have, the steps that approve it): the company's
        levels up to the one covering the amount for a new or higher limit or a temporary
        increase; one Credit Manager for a lower or unchanged limit, or when no level is set."""
        self.ensure_one()
        partner = self._partner().sudo()
        manager_group = self.env.ref("channel_credit.group_channel_credit_manager")
        one_manager = [{"sequence": 1, "group_id": manager_group.id}]
        if self.kind == "temporary":
            amount = partner.credit_limit + self.temp_limit
            raised = True
        else:
            # An unexpired temporary increase stays on top of the new base limit.
            amount = self.credit_limit + (
                partner.channel_temp_limit
                if partner.channel_temp_limit_until
                and partner.channel_temp_limit_until >= fields.Date.context_today(self)
                else 0.0
            )
            raised = (
                amount > partner.credit_limit
                or self.term_days > partner.channel_credit_term_days
                or not partner.channel_credit_policy
            )
        levels = (
            self.env["channel.credit.approval.level"]
            .sudo()
            .search([("company_id", "=", self.company_id.id)])
        )
        if not raised or not levels:
            return amount, one_manager
        keys = rules.approval_steps(amount, [(level, level.max_amount or None) for level in levels])
        return amount, [
            {
                "sequence": index,
                "level_id": level.id,
                "group_id": level.group_id.id,
                "user_ids": [Command.set(level.user_ids.ids)],
            }
            for index, level in enumerate(keys, start=1)
        ]

    def _pending_step(self):
        self.ensure_one()
        return self.approval_ids.filtered(lambda s: s.state == "pending")[:1]

    def _approval_problem(self, user):
        """Why ``user`` cannot decide this review now, or None: steps in order, each by its
        level's approvers, nobody on their own proposal, and one person one step."""
        self.ensure_one()
        step = self._pending_step()
        if self.state != SUBMITTED or not step:
            return self.env._("This credit review is not waiting for an approval.")
        own = self._approval_own_request_problem(user)
        if own:
            return own
        if user in self.approval_ids.user_id:
            return self.env._(
                "You already decided a step of this review: %(level)s is someone else's.",
                level=step.name,
            )
        if not step._may_approve(user):
            return self.env._(
                "This step is for %(level)s: you are not among its approvers.", level=step.name
            )
        return None

    def _approval_requesters(self):
        """Whoever proposed, typed in, changed or submitted the proposal shares it."""
        self.ensure_one()
        return self.reviewer_id | self.submitted_by_id | self.create_uid | self.editor_ids

    def _schedule_next_approval(self):
        """A to-do for the named approvers of the next step (a group's members find it under
        Waiting for Me)."""
        step = self._pending_step()
        for user in step.user_ids:
            # sudo: the approver who passes it on need not have write access to the review.
            self.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=user.id,
                summary=self.with_context(lang=user.lang).env._("Approve a credit review"),
            )

    def _add_editor(self):
        """Whoever changes a draft shares its proposal (sudo: the record of who did is not
        theirs to write)."""
        user = self.env.user
        self.filtered(lambda r: user not in r.editor_ids).sudo().write(
            {"editor_ids": [Command.link(user.id)]}
        )

    def _workflow_message(self):
        return self.env._(
            "A credit review's state and approvals are set by submitting it and by its approvers."
        )

from odoo import Command, api, fields, models
from odoo.addons.b2b_base.const import APPROVED, REJECTED, SUBMITTED
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_amount, format_date

from .. import rules
from ..const import CREDIT_GRADES, MAX_TERM_DAYS, SUGGESTION_MONTHS

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
# What the limit is calculated from (rules.suggested_limit, rules.new_distributor_limit).
LIMIT_INPUTS = (
    "partner_id",
    "company_id",
    "grade",
    "term_days",
    "planned_monthly_purchase",
    "registered_capital",
    "deposit",
)
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

    @api.model
    def _default_line_ids(self, company=None):
        items = self.env["channel.credit.check.item"].search(
            [("company_id", "=", (company or self.env.company).id)]
        )
        return [Command.create(vals) for vals in items._line_values()]

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
    # The investigation (信用调查)
    line_ids = fields.One2many(
        "channel.credit.review.line",
        "review_id",
        string="Investigation",
        default=lambda self: self._default_line_ids(),
    )
    years_in_business = fields.Integer()
    registered_capital = fields.Monetary()
    payment_record = fields.Selection(
        [("good", "Pays on time"), ("fair", "Sometimes late"), ("poor", "Often late")],
        string="Payment Record (12 Months)",
    )
    sales_trend = fields.Selection([("up", "Growing"), ("flat", "Stable"), ("down", "Declining")])
    collateral = fields.Text(string="Collateral or Guarantees")
    notes = fields.Text(string="Qualitative Notes")
    score = fields.Float(compute="_compute_score", store=True, digits=(5, 1))
    score_grade = fields.Selection(
        CREDIT_GRADES, string="Grade by Score", compute="_compute_score", store=True
    )
    grade = fields.Selection(
        CREDIT_GRADES,
        string="Resulting Grade",
        compute="_compute_grade",
        store=True,
        readonly=False,
        tracking=True,
    )
    grade_note = fields.Char(
        string="Why Another Grade", help="Required when the grade differs from the score's."
    )
    grade_reason = fields.Char(string="How the Grade Is Given", compute="_compute_grade_reason")
    missing_items = fields.Char(compute="_compute_missing_items")
    # The limit (授信额度测算)
    planned_monthly_purchase = fields.Monetary(
        help="The monthly purchase planned in the distribution agreement: the basis of a new "
        "distributor's limit."
    )
    deposit = fields.Monetary(help="Deposit or guarantee money received from the distributor.")
    term_days = fields.Integer(
        string="Resulting Term (Days)", compute="_compute_term_days", store=True, readonly=False
    )
    calculated_limit = fields.Monetary(compute="_compute_calculation")
    calculation = fields.Text(string="How It Is Calculated", compute="_compute_calculation")
    credit_limit = fields.Monetary(
        string="Resulting Limit",
        compute="_compute_credit_limit",
        store=True,
        readonly=False,
        tracking=True,
    )
    current_limit = fields.Monetary(compute="_compute_current_limit")
    temp_limit = fields.Monetary(string="Temporary Increase", tracking=True)
    temp_until = fields.Date(string="Increase Until", tracking=True)
    next_review_date = fields.Date()
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

    @api.depends("line_ids.weight", "line_ids.score", "line_ids.not_applicable", "company_id")
    def _compute_score(self):
        for review in self:
            score = rules.investigation_score(review.line_ids._score_items())
            review.score = score or 0.0
            review.score_grade = rules.grade_for_score(
                score, review.company_id._channel_min_scores()
            )

    @api.depends("score_grade", "kind", "partner_id")
    def _compute_grade(self):
        for review in self:
            if review.kind == "temporary":
                review.grade = review._partner().channel_credit_grade
            else:
                review.grade = review.score_grade

    @api.depends("score", "score_grade", "grade", "company_id")
    def _compute_grade_reason(self):
        names = dict(CREDIT_GRADES)
        for review in self:
            minimums = review.company_id._channel_min_scores()
            grade = review.score_grade or rules.GRADES[-1]
            index = rules.GRADES.index(grade)
            better = rules.GRADES[index - 1] if index else None
            reason = self.env._(
                "Score %(score)s of 100 gives %(grade)s",
                score=round(review.score, 1),
                grade=names[grade],
            )
            if grade in minimums:
                reason += self.env._(" (from %(minimum)s)", minimum=minimums[grade])
            if better:
                reason += self.env._(
                    "; %(better)s needs %(minimum)s",
                    better=names[better],
                    minimum=minimums[better],
                )
            review.grade_reason = reason

    @api.depends("line_ids.missing", "line_ids.item_id", "company_id")
    def _compute_missing_items(self):
        required = (
            self.env["channel.credit.check.item"]
            .sudo()
            .search([("company_id", "in", self.company_id.ids), ("required", "=", True)])
        )
        for review in self:
            # A required item of the company's checklist counts even when its line is gone.
            absent = required.filtered(
                lambda item, r=review: item.company_id == r.company_id
                and item not in r.line_ids.item_id
            )
            names = [review.line_ids._missing_names(), ", ".join(absent.mapped("name"))]
            review.missing_items = ", ".join(name for name in names if name)

    @api.depends("partner_id", "company_id")
    def _compute_term_days(self):
        for review in self:
            review.term_days = review._partner().channel_credit_term_days

    @api.depends(*LIMIT_INPUTS)
    def _compute_calculation(self):
        for company in self.company_id:
            reviews = self.filtered(lambda r, c=company: r.company_id == c)
            sales = reviews.partner_id._channel_recent_sales(company)
            for review in reviews:
                review.calculated_limit, review.calculation = review._limit_calculation(sales)
        for review in self.filtered(lambda r: not r.company_id):
            review.calculated_limit, review.calculation = 0.0, False

    @api.depends(*LIMIT_INPUTS)
    def _compute_credit_limit(self):
        for review in self:
            review.credit_limit = review.calculated_limit

    @api.depends("partner_id", "company_id")
    def _compute_current_limit(self):
        # sudo: Odoo keeps credit_limit to invoicing users; a distributor's limit is credit
        # status its salesperson may see.
        for review in self:
            review.current_limit = review._partner().sudo().credit_limit

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

    def _check_complete(self):
        """What a review needs before it is submitted, approved or applied."""
        self.ensure_one()
        problems = []
        if self.kind == "temporary":
            if self.temp_limit <= 0:
                problems.append(self.env._("Give the amount of the temporary increase."))
            if not self.temp_until or self.temp_until < fields.Date.context_today(self):
                problems.append(self.env._("Give the temporary increase an end date from today."))
        else:
            if self.missing_items:
                problems.append(
                    self.env._(
                        "Required investigation items are missing (verified, with evidence "
                        "where asked): %(items)s.",
                        items=self.missing_items,
                    )
                )
            if not self.grade:
                problems.append(self.env._("Give the review a grade."))
            elif self.grade != self.score_grade and not (self.grade_note or "").strip():
                problems.append(
                    self.env._(
                        "The grade differs from the score's (%(grade)s): say why.",
                        grade=dict(CREDIT_GRADES)[self.score_grade],
                    )
                )
        if problems:
            raise UserError("\n".join(problems))

    def _limit_calculation(self, sales):
        """(limit, the calculation line by line) from the distributor's last six months of
        sales, or for a new distributor from its purchase plan and the company's caps."""
        self.ensure_one()
        company = self.company_id
        currency = company.currency_id
        factor = company._channel_grade_factor(self.grade)
        grade = dict(CREDIT_GRADES).get(self.grade, "-")

        def money(value):
            return format_amount(self.env, value, currency)

        invoiced, ordered = sales.get(self.partner_id.commercial_partner_id.id, (0.0, 0.0))
        monthly = max(invoiced, ordered) / SUGGESTION_MONTHS
        if monthly > 0:
            limit = rules.suggested_limit(monthly, self.term_days, factor)
            lines = [
                self.env._(
                    "Sales history: the larger of %(ordered)s ordered and %(invoiced)s invoiced "
                    "in the last six months, / 6 = %(monthly)s a month",
                    ordered=money(ordered),
                    invoiced=money(invoiced),
                    monthly=money(monthly),
                ),
                self.env._(
                    "x %(term)s/30 days of credit term x %(factor)s for grade %(grade)s "
                    "= %(limit)s",
                    term=self.term_days,
                    factor=factor,
                    grade=grade,
                    limit=money(limit),
                ),
            ]
            return currency.round(limit), "\n".join(lines)
        caps = []
        if company.channel_capital_share:
            caps.append(
                (
                    self.env._(
                        "registered capital %(capital)s x %(share)s%%",
                        capital=money(self.registered_capital),
                        share=round(company.channel_capital_share * 100, 2),
                    ),
                    self.registered_capital * company.channel_capital_share,
                )
            )
        if company.channel_deposit_multiple:
            caps.append(
                (
                    self.env._(
                        "deposit %(deposit)s x %(multiple)s",
                        deposit=money(self.deposit),
                        multiple=company.channel_deposit_multiple,
                    ),
                    self.deposit * company.channel_deposit_multiple,
                )
            )
        limit, decided_by = rules.new_distributor_limit(
            self.planned_monthly_purchase, self.term_days, factor, caps
        )
        lines = [
            self.env._(
                "New distributor (no sales in the last six months): planned monthly purchase "
                "%(planned)s x %(term)s/30 days of credit term x %(factor)s for grade %(grade)s "
                "= %(amount)s",
                planned=money(self.planned_monthly_purchase),
                term=self.term_days,
                factor=factor,
                grade=grade,
                amount=money(
                    rules.new_distributor_limit(
                        self.planned_monthly_purchase, self.term_days, factor, []
                    )[0]
                ),
            )
        ]
        lines += [
            self.env._("Cap: %(name)s = %(amount)s", name=name, amount=money(cap))
            for name, cap in caps
        ]
        lines.append(
            self.env._("Limit: %(limit)s, set by %(by)s", limit=money(limit), by=decided_by)
            if decided_by
            else self.env._("Limit: %(limit)s, set by the purchase plan", limit=money(limit))
        )
        return currency.round(limit), "\n".join(lines)

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

"""The distributor scorecard (经销商评估): for a distributor and a period, attainment, growth,
payment discipline, stock health, network, violations and cooperation, each scored 0-100 and
weighed by the company, a grade with its reasons, and the proposal that follows."""

from collections import defaultdict

from babel.lists import format_list

from odoo import api, fields, models
from odoo.addons.b2b_base import bulk, jobs, money
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.misc import babel_locale_parse, get_lang

from .. import rules
from ..const import (
    COOPERATION_LEVELS,
    COST_SHARE_FULL_MARKS,
    COST_SHARE_NO_MARKS,
    EVALUATION_FACTORS,
    EVALUATION_FIGURES,
    EVALUATION_INPUTS,
    EVALUATION_PROPOSALS,
    EVALUATION_STATES,
    GRADE_FLOORS,
    GRADE_PROPOSALS,
    GRADES,
    GROWTH_POINTS_PER_RATIO,
    LATE_DAY_POINTS,
    MANAGER_GROUP,
    PAYMENT_LAPSE_POINTS,
    REBATE_AGREEMENT_STATES,
    VIOLATION_PENALTY_POINTS,
)


def _default_period(index):
    def default(self):
        return rules.previous_quarter(fields.Date.context_today(self))[index]

    return default


class DistributorEvaluation(models.Model):
    """Prepared by the representative or a Channel Manager (the figures come from Odoo, only
    cooperation and the proposal from them), confirmed by a Channel Manager who did not prepare
    it; the proposal then becomes the confirming manager's to-do. A confirmed evaluation is
    kept as it was confirmed."""

    _name = "distributor.evaluation"
    _description = "Distributor Evaluation"
    _inherit = ["mail.thread", "mail.activity.mixin", "b2b.approval.mixin"]
    _order = "date_to desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Distributor",
        required=True,
        index=True,
        tracking=True,
        domain="[('is_company', '=', True)]",
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users",
        string="Market Representative",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        help="Who reads the evaluation with the Channel Managers.",
    )
    date_from = fields.Date(string="From", required=True, default=_default_period(0))
    date_to = fields.Date(string="To", required=True, default=_default_period(1))
    state = fields.Selection(
        EVALUATION_STATES, string="Status", default="draft", readonly=True, tracking=True
    )
    cooperation = fields.Selection(
        COOPERATION_LEVELS,
        tracking=True,
        help="How the distributor works with us: reports on time, follows the price policy, "
        "takes part in promotions. Empty: not judged.",
    )
    proposal = fields.Selection(
        EVALUATION_PROPOSALS,
        tracking=True,
        help="What follows the evaluation: proposed by its grade, chosen by whoever confirms.",
    )
    note = fields.Text(string="Remarks")
    # The figures, written by the evaluation only
    evaluated_date = fields.Datetime(string="Evaluated On", readonly=True, copy=False)
    evaluated_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    target_amount = fields.Monetary(string="Target", readonly=True, copy=False)
    net_collected = fields.Monetary(readonly=True, copy=False)
    attainment = fields.Float(readonly=True, copy=False)
    prior_collected = fields.Monetary(
        string="Collected the Period Before", readonly=True, copy=False
    )
    collected = fields.Monetary(string="Collected in the Period", readonly=True, copy=False)
    due_amount = fields.Monetary(string="Fell Due", readonly=True, copy=False)
    paid_on_time = fields.Monetary(readonly=True, copy=False)
    days_late = fields.Float(
        string="Average Days Late",
        digits=(16, 1),
        readonly=True,
        copy=False,
        help="How many days after its due date the money collected in the period came, on "
        "average, weighed by amount.",
    )
    report_lines = fields.Integer(string="Reported Products", readonly=True, copy=False)
    overstock_lines = fields.Integer(string="Overstocked Products", readonly=True, copy=False)
    outlet_count = fields.Integer(string="Outlets", readonly=True, copy=False)
    violation_count = fields.Integer(string="Confirmed Violations", readonly=True, copy=False)
    attainment_score = fields.Float(readonly=True, copy=False)
    growth_score = fields.Float(readonly=True, copy=False)
    payment_score = fields.Float(string="Payment Discipline Score", readonly=True, copy=False)
    stock_score = fields.Float(string="Stock Health Score", readonly=True, copy=False)
    network_score = fields.Float(readonly=True, copy=False)
    violation_score = fields.Float(readonly=True, copy=False)
    cooperation_score = fields.Float(readonly=True, copy=False)
    cost_to_serve = fields.Monetary(
        string="Cost to Serve",
        readonly=True,
        copy=False,
        help="The rebates the period's targets earned and the marketing funds of the "
        "distributor's agreements for the period's days.",
    )
    cost_score = fields.Float(string="Cost to Serve Score", readonly=True, copy=False)
    # The factors with nothing to judge (left out of the score), comma-separated.
    unjudged = fields.Char(readonly=True, copy=False)
    # Not tracked: a follower is not always one who may read the figures.
    score = fields.Float(readonly=True, copy=False)
    grade = fields.Selection(GRADES, readonly=True, copy=False)
    grade_reason = fields.Text(
        string="Why",
        compute="_compute_grade_reason",
        help="The weakest factors and those not judged.",
    )
    satisfaction = fields.Float(
        compute="_compute_satisfaction",
        string="Distributor Satisfaction",
        help="The mean satisfaction (1 to 5) of the distributor's surveys in the period: read "
        "beside the score, not part of it.",
    )
    confirmed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    confirmed_date = fields.Datetime(readonly=True, copy=False)

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("partner_id", "date_from", "date_to")
    def _compute_display_name(self):
        for evaluation in self:
            evaluation.display_name = " · ".join(
                filter(
                    None,
                    [
                        evaluation.partner_id.display_name,
                        evaluation.date_from
                        and evaluation.date_to
                        and f"{evaluation.date_from} – {evaluation.date_to}",
                    ],
                )
            )

    @api.depends("partner_id", "company_id", "date_from", "date_to")
    @api.depends_context("uid")
    def _compute_satisfaction(self):
        # The surveys the reader may read: a representative, those they collected.
        surveys = self.env["distributor.satisfaction"].search_fetch(
            [
                ("partner_id", "in", self.partner_id.ids),
                ("company_id", "in", self.company_id.ids),
                ("satisfaction", ">", 0),
            ],
            ["partner_id", "company_id", "date", "satisfaction"],
        )
        surveys = self._by_distributor(surveys)
        for evaluation in self:
            found = evaluation._within(surveys, "date", "date").mapped("satisfaction")
            evaluation.satisfaction = round(sum(found) / len(found), 2) if found else 0.0

    @api.depends(*(f"{factor}_score" for factor in EVALUATION_FACTORS), "unjudged", "grade")
    @api.depends_context("lang")
    def _compute_grade_reason(self):
        # Read in the reader's language from the stored scores, never stored as text.
        labels = self._factor_labels()
        # Listed as the language lists (Chinese with 、 and 和).
        locale = babel_locale_parse(get_lang(self.env).code)
        for evaluation in self:
            if not evaluation.evaluated_date:
                evaluation.grade_reason = False
                continue
            unjudged = set((evaluation.unjudged or "").split(",")) - {""}
            judged = sorted(
                (evaluation[f"{factor}_score"], labels[factor])
                for factor in EVALUATION_FACTORS
                if factor not in unjudged
            )
            weak = [f"{label} {score:.0f}" for score, label in judged if score < 70][:3]
            parts = []
            if weak:
                parts.append(
                    self.env._("Weakest: %(factors)s.", factors=format_list(weak, locale=locale))
                )
            elif judged:
                parts.append(self.env._("Every factor judged scores 70 or more."))
            if unjudged:
                parts.append(
                    self.env._(
                        "Not judged: %(factors)s.",
                        factors=format_list(
                            [labels[f] for f in EVALUATION_FACTORS if f in unjudged],
                            locale=locale,
                        ),
                    )
                )
            reason = parts[0] if parts else False
            for part in parts[1:]:
                # Sentences follow each other as the language has them (no space in Chinese).
                reason = self.env._("%(sentence)s %(next)s", sentence=reason, next=part)
            evaluation.grade_reason = reason

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        if any(e.date_to < e.date_from for e in self):
            raise ValidationError(self.env._("An evaluation's period cannot end before it starts."))

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model
    def default_get(self, fields_list):
        # A new evaluation shows as what it will be, whatever defaults were set.
        defaults = super().default_get(fields_list)
        if not self.env.su:
            for name in self._figure_fields() & defaults.keys():
                defaults[name] = False
            if "state" in fields_list:
                defaults["state"] = "draft"
        return defaults

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # A draft with nothing evaluated, whatever a client, default or import sends.
            for vals in vals_list:
                vals.update(dict.fromkeys(self._figure_fields(), False), state="draft")
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            if self._figure_fields() & vals.keys():
                raise AccessError(
                    self.env._("An evaluation's figures come from Odoo: press Evaluate.")
                )
            if self.filtered(lambda e: e.state != "draft"):
                raise UserError(self.env._("A confirmed evaluation is kept as it was confirmed."))
        result = super().write(vals)
        if not self.env.su and EVALUATION_INPUTS & vals.keys():
            # What it counts changed: its figures no longer say anything until evaluated again.
            self.sudo()._clear_figures()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        if not self.env.su and self.filtered(lambda e: e.state != "draft"):
            raise UserError(self.env._("A confirmed evaluation is kept as it was confirmed."))

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_export_xlsx(self):
        """The scorecard workbook: the selected evaluations, or the current search."""
        Export = self.env["distributor.evaluation.export"]
        evaluations = Export._xlsx_records_to_export(self)
        return Export.create({"evaluation_ids": evaluations.ids}).action_download()

    def action_evaluate(self):
        """Read the period's figures from Odoo and score them (again, while a draft)."""
        if not self:
            return True
        if self.filtered(lambda e: e.state != "draft"):
            raise UserError(self.env._("A confirmed evaluation is kept as it was confirmed."))
        # Whoever may change the draft evaluates it (the record rules on writing decide).
        self.check_access("write")
        self._check_evaluator()
        figures = self._evaluation_figures()
        now = fields.Datetime.now()
        # The figures are the system's, nobody's edit: written in SQL (b2b_base.bulk), a
        # quarter's scorecards at once. What the grade calls for goes through the ORM, tracked:
        # whoever confirms may choose another.
        rows = [
            {"id": evaluation.id, **values, "evaluated_date": now, "evaluated_by_id": self.env.uid}
            for evaluation, values in figures.items()
        ]
        names = sorted(rows[0].keys() - {"id"})
        bulk.update(
            self.sudo(),
            {name: self._fields[name].column_type[1] for name in names},
            [
                {name: value if value is not False else None for name, value in row.items()}
                for row in rows
            ],
            {"write_uid": self.env.uid, "write_date": now},
        )
        proposals = defaultdict(list)
        for evaluation, values in figures.items():
            proposals[GRADE_PROPOSALS.get(values["grade"], False)].append(evaluation.id)
        for proposal, ids in proposals.items():
            self.sudo().browse(ids).write({"proposal": proposal})
        return True

    def action_confirm(self):
        """Confirm the evaluations as evaluated; the proposal becomes the confirming Channel
        Manager's to-do."""
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(self.env._("Only a Channel Manager confirms an evaluation."))
        self.check_access("write")
        for evaluation in self:
            if evaluation.state != "draft":
                raise UserError(self.env._("The evaluation is already confirmed."))
            if not evaluation.evaluated_date:
                raise UserError(self.env._("Evaluate it first: there is nothing to confirm."))
            if not evaluation.proposal:
                raise UserError(self.env._("Choose what follows the evaluation first."))
        self._check_not_own_request()
        self.sudo().write(
            {
                "state": "confirmed",
                "confirmed_by_id": self.env.uid,
                "confirmed_date": fields.Datetime.now(),
            }
        )
        activity_type = self.env.ref(
            "distributor_management.mail_activity_type_distributor_evaluation"
        )
        today = fields.Date.context_today(self)
        proposals = dict(self._fields["proposal"]._description_selection(self.env))
        jobs.create_activities(
            self.env,
            [
                jobs.activity_values(
                    evaluation,
                    activity_type,
                    self.env.user,
                    today,
                    summary=proposals[evaluation.proposal],
                )
                for evaluation in self
            ],
        )
        return True

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _approval_requesters(self):
        self.ensure_one()
        return self.create_uid | self.user_id | self.evaluated_by_id

    @api.model
    def _by_distributor(self, records):
        """``records`` by (distributor, company): each evaluation of a set of thousands then
        looks through its own distributor's only."""
        ids = defaultdict(list)
        for record in records:
            ids[record.partner_id.id, record.company_id.id].append(record.id)
        found = defaultdict(records.browse)
        for key, record_ids in ids.items():
            found[key] = records.browse(record_ids).with_prefetch(records._prefetch_ids)
        return found

    def _within(self, by_distributor, start, end):
        """The records of ``by_distributor`` (see _by_distributor) of this evaluation's
        distributor and company whose period (the dates at the fields ``start`` and ``end``)
        lies within the evaluation's."""
        self.ensure_one()
        return by_distributor[self.partner_id.id, self.company_id.id].filtered(
            lambda r: r[start] >= self.date_from and r[end] <= self.date_to
        )

    def _check_evaluator(self):
        """The figures show a distributor's money: they are read for a company (not a contact
        of another, whose money is its company's), and only when the one who evaluates and the
        representative who reads the evaluation are Channel Managers or named by a signed
        agreement of that distributor."""
        contacts = self.filtered(lambda e: e.partner_id != e.partner_id.commercial_partner_id)
        if contacts:
            raise UserError(
                self.env._(
                    "%(partner)s is a contact of %(company)s: evaluate the company.",
                    partner=contacts[0].partner_id.display_name,
                    company=contacts[0].partner_id.commercial_partner_id.display_name,
                )
            )
        if self.env.su:
            return
        readers = self.env.user | self.user_id
        outsiders = readers.filtered(lambda user: not user.has_group(MANAGER_GROUP))
        signed = self.env["distributor.agreement"]._signed_representatives(
            self.partner_id, outsiders
        )
        for evaluation in self:
            for user in (self.env.user | evaluation.user_id) & outsiders:
                if (user, evaluation.partner_id, evaluation.company_id) not in signed:
                    raise AccessError(
                        self.env._(
                            "%(user)s is not the representative of %(distributor)s under a "
                            "signed agreement: only its representative or a Channel Manager "
                            "evaluates it, and reads the evaluation.",
                            user=user.name,
                            distributor=evaluation.partner_id.display_name,
                        )
                    )

    def _clear_figures(self):
        self.write(dict.fromkeys(self._figure_fields() - {"state"}, False))

    def _figure_fields(self):
        """The fields evaluating writes: never a person's (bridges add theirs)."""
        return EVALUATION_FIGURES | {"unjudged"}

    def _payment_lapses(self):
        """{evaluation: (lapses, {figure: value})}: what else than money paid late weighs on
        payment discipline. None here; Channel Credit's bridge counts broken promises and
        orders stopped by credit."""
        return {}

    def _xlsx_payment_columns(self):
        """The scorecard workbook's columns for the figures _payment_lapses() writes."""
        return []

    def _factor_labels(self):
        return {
            "attainment": self.env._("Target attainment"),
            "growth": self.env._("Growth"),
            "payment": self.env._("Payment discipline"),
            "stock": self.env._("Stock health"),
            "network": self.env._("Network coverage"),
            "violation": self.env._("Violations"),
            "cooperation": self.env._("Cooperation"),
            "cost": self.env._("Cost to serve"),
        }

    def _evaluation_figures(self):
        """{evaluation: the values evaluating it writes}, read for the set at once."""
        targets, nets = self._period_targets()
        money_figures = self._money_figures()
        stock = self._stock_figures()
        outlets = self._outlet_counts()
        violations = self._violation_counts()
        lapses = self._payment_lapses()
        costs = self._costs_to_serve(targets)
        weights = {
            company: company._distributor_evaluation_weights() for company in self.company_id
        }
        result = {}
        for evaluation in self:
            company = evaluation.company_id
            target_amount = sum(t.amount for t in targets[evaluation])
            net = sum(nets[t.id] for t in targets[evaluation])
            attainment = rules.attainment(net, target_amount) if target_amount > 0 else None
            collected, prior, due, on_time, days_late = money_figures[evaluation]
            lapse_count, lapse_figures = lapses.get(evaluation, (0, {}))
            lines, overstocked = stock[evaluation]
            scores = {
                "attainment": rules.attainment_score(attainment),
                "growth": rules.growth_score(collected, prior, GROWTH_POINTS_PER_RATIO),
                "payment": rules.payment_score(
                    due,
                    on_time,
                    rules.payment_points_off(
                        days_late, lapse_count, LATE_DAY_POINTS, PAYMENT_LAPSE_POINTS
                    ),
                ),
                "stock": rules.stock_score(lines, overstocked),
                "network": rules.network_score(
                    outlets[evaluation], company.distributor_outlet_target
                ),
                "violation": rules.violation_score(
                    violations[evaluation], VIOLATION_PENALTY_POINTS
                ),
                "cooperation": rules.cooperation_score(evaluation.cooperation),
                "cost": rules.cost_score(
                    costs[evaluation], net, COST_SHARE_FULL_MARKS, COST_SHARE_NO_MARKS
                ),
            }
            score = rules.weighted_score(scores, weights[company])
            result[evaluation] = {
                "target_amount": target_amount,
                "net_collected": net,
                "attainment": attainment or 0.0,
                "collected": collected,
                "prior_collected": prior,
                "due_amount": due,
                "paid_on_time": on_time,
                "days_late": days_late,
                **lapse_figures,
                "report_lines": lines,
                "overstock_lines": overstocked,
                "outlet_count": outlets[evaluation],
                "violation_count": violations[evaluation],
                "cost_to_serve": costs[evaluation],
                **{f"{f}_score": s or 0.0 for f, s in scores.items()},
                "unjudged": ",".join(f for f, s in scores.items() if s is None) or False,
                "score": score or 0.0,
                "grade": rules.grade(score, GRADE_FLOORS),
            }
        return result

    def _period_targets(self):
        """({evaluation: the targets of its distributor's signed agreements that lie within
        its period}, {target id: its net collected money})."""
        found = defaultdict(lambda: self.env["distributor.agreement.target"])
        targets = (
            self.env["distributor.agreement.target"]
            .sudo()
            .search(
                [
                    ("agreement_id.partner_id", "in", self.partner_id.ids),
                    ("agreement_id.state", "in", REBATE_AGREEMENT_STATES),
                    ("company_id", "in", self.company_id.ids),
                    ("date_from", ">=", min(self.mapped("date_from"))),
                    ("date_to", "<=", max(self.mapped("date_to"))),
                ]
            )
        )
        # The figures of the set in one go, not in the computed field's batches.
        nets = {
            target_id: rules.rebate_base(collected, refunded)
            for target_id, (_sold, collected, refunded) in targets._sell_in_and_collected().items()
        }
        targets = self._by_distributor(targets)
        for evaluation in self:
            found[evaluation] = evaluation._within(targets, "date_from", "date_to")
        return found, nets

    def _money_figures(self):
        """{evaluation: (collected in the period, collected in the period before, what fell
        due in the period, what of it was paid by its due date, the days the period's money
        came after its due date on average)} in company currency, from the distributor's
        invoices (b2b_base.money's collected money)."""
        result = dict.fromkeys(self, (0.0, 0.0, 0.0, 0.0, 0.0))
        if not self:
            return result
        periods = [
            (
                evaluation.id,
                evaluation.partner_id.commercial_partner_id.id,
                evaluation.company_id.id,
                evaluation.date_from,
                evaluation.date_to,
                rules.previous_period(evaluation.date_from, evaluation.date_to)[0],
            )
            for evaluation in self
        ]
        # One pass over each distributor's money for every figure; payment discipline's by
        # the shared definition.
        money_rows = money.collected_in_periods(
            self.env,
            periods,
            [
                SQL("SUM(c.amount) FILTER (WHERE c.day BETWEEN per.d0 AND per.d1)"),
                SQL("SUM(c.amount) FILTER (WHERE c.day >= per.since AND c.day < per.d0)"),
                SQL(
                    """SUM(c.amount * GREATEST(c.day - c.due, 0)) FILTER (
                           WHERE c.day BETWEEN per.d0 AND per.d1 AND c.due IS NOT NULL)
                       / NULLIF(SUM(c.amount) FILTER (
                           WHERE c.day BETWEEN per.d0 AND per.d1 AND c.due IS NOT NULL), 0)"""
                ),
                money.PAID_ON_TIME,
            ],
        )
        fell_due = money.fell_due_in_periods(self.env, periods)
        for evaluation in self:
            collected, prior, days_late, on_time = money_rows.get(evaluation.id, (0, 0, 0, 0))
            result[evaluation] = (
                float(collected or 0.0),
                float(prior or 0.0),
                fell_due.get(evaluation.id, 0.0),
                float(on_time or 0.0),
                round(float(days_late or 0.0), 1),
            )
        return result

    def _costs_to_serve(self, targets):
        """{evaluation: the rebates its period's targets (``targets``, from _period_targets)
        earned, as their latest entry says, and its distributor's signed agreements' marketing
        funds for the days of the period they cover}."""
        costs = dict.fromkeys(self, 0.0)
        if not self:
            return costs
        all_targets = self.env["distributor.agreement.target"].union(*targets.values())
        earned = {}
        for entry in (
            self.env["distributor.rebate"]
            .sudo()
            .search_fetch(
                [("target_id", "in", all_targets.ids), ("state", "!=", "cancelled")],
                ["target_id", "earned"],
                order="id",
            )
        ):
            earned[entry.target_id.id] = entry.earned  # the latest entry knows the period best
        agreements = (
            self.env["distributor.agreement"]
            .sudo()
            .search_fetch(
                [
                    ("partner_id", "in", self.partner_id.ids),
                    ("company_id", "in", self.company_id.ids),
                    ("state", "in", REBATE_AGREEMENT_STATES),
                    ("marketing_fund", "!=", 0),
                    ("date_start", "<=", max(self.mapped("date_to"))),
                    ("date_end", ">=", min(self.mapped("date_from"))),
                ],
                ["partner_id", "company_id", "date_start", "date_end", "marketing_fund"],
            )
        )
        agreements = self._by_distributor(agreements)
        for evaluation in self:
            start, end = evaluation.date_from, evaluation.date_to
            fund = sum(
                a.marketing_fund
                * rules.overlap_days(a.date_start, a.date_end, start, end)
                / rules.period_days(a.date_start, a.date_end)
                for a in agreements[evaluation.partner_id.id, evaluation.company_id.id]
            )
            rebates = sum(earned.get(t.id, 0.0) for t in targets[evaluation])
            costs[evaluation] = evaluation.currency_id.round(rebates + fund)
        return costs

    def _stock_figures(self):
        """{evaluation: (product lines reported in the period, those overstocked)}."""
        result = dict.fromkeys(self, (0, 0))
        if not self:
            return result
        # Counted per report in SQL: a quarter of a network's reports holds a million lines.
        Line = self.env["distributor.stock.report.line"].sudo()
        domain = [
            ("partner_id", "in", self.partner_id.ids),
            ("company_id", "in", self.company_id.ids),
            ("report_id.date_from", ">=", min(self.mapped("date_from"))),
            ("date_to", "<=", max(self.mapped("date_to"))),
        ]
        # The lines and those overstocked in one pass: the overstock's own condition (the
        # company's limit) counted alongside.
        query = Line._search(domain)
        overstock = Line._search([("overstock", "=", True)])
        self.env.cr.execute(
            SQL(
                "SELECT %(report)s, COUNT(*), COUNT(*) FILTER (WHERE %(overstock)s) FROM %(from)s"
                " WHERE %(where)s GROUP BY %(report)s",
                report=SQL.identifier(Line._table, "report_id"),
                overstock=overstock.where_clause,
                **{"from": query.from_clause, "where": query.where_clause},
            )
        )
        counts, overstocked = {}, {}
        for report_id, count, over in self.env.cr.fetchall():
            counts[report_id], overstocked[report_id] = count, over
        # The reports as plain figures by distributor: a quarter holds tens of thousands.
        reports = defaultdict(list)
        for report in (
            self.env["distributor.stock.report"]
            .sudo()
            .search_fetch(
                [("id", "in", list(counts))], ["partner_id", "company_id", "date_from", "date_to"]
            )
        ):
            reports[report.partner_id.id, report.company_id.id].append(
                (report.date_from, report.date_to, report.id)
            )
        for evaluation in self:
            mine = [
                report_id
                for start, end, report_id in reports[
                    evaluation.partner_id.id, evaluation.company_id.id
                ]
                if start >= evaluation.date_from and end <= evaluation.date_to
            ]
            result[evaluation] = (
                sum(counts[report_id] for report_id in mine),
                sum(overstocked.get(report_id, 0) for report_id in mine),
            )
        return result

    def _outlet_counts(self):
        """{evaluation: the distributor's outlets open now}."""
        groups = (
            self.env["distributor.outlet"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", self.partner_id.ids),
                    ("company_id", "in", self.company_id.ids),
                ],
                ["partner_id", "company_id"],
                ["__count"],
            )
        )
        counts = {(partner, company): count for partner, company, count in groups}
        return {e: counts.get((e.partner_id, e.company_id), 0) for e in self}

    def _violation_counts(self):
        """{evaluation: the distributor's violations found in the period and confirmed}."""
        violations = (
            self.env["distributor.violation"]
            .sudo()
            .search_fetch(
                [
                    ("partner_id", "in", self.partner_id.ids),
                    ("company_id", "in", self.company_id.ids),
                    ("state", "=", "confirmed"),
                    ("date", ">=", min(self.mapped("date_from"))),
                    ("date", "<=", max(self.mapped("date_to"))),
                ],
                ["partner_id", "company_id", "date"],
            )
        )
        violations = self._by_distributor(violations)
        return {e: len(e._within(violations, "date", "date")) for e in self}

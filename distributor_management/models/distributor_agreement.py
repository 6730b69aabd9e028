"""Distribution agreements (经销协议): the distributor's territories, product lines, terms and
targets for a period (the approval workflow and renewal have a file of their own)."""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, format_date

from .. import rules
from ..const import (
    AGREEMENT_STATES,
    BINDING_STATES,
    REBATE_AGREEMENT_STATES,
    TARGET_SPLITS,
    WORKFLOW_FIELDS,
)


class DistributorAgreement(models.Model):
    """An agreement is prepared as a draft, approved by a Channel Manager who did not prepare
    it, and is then in force from its start to its end date; while in force it binds its
    territories: no other agreement may claim one of them where either claim is exclusive."""

    _name = "distributor.agreement"
    _description = "Distribution Agreement"
    _inherit = ["mail.thread", "mail.activity.mixin", "b2b.input.mixin", "b2b.approval.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
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
        help="The company's representative (市场代表) who runs the market with the distributor.",
    )
    date_start = fields.Date(string="Start", required=True, tracking=True)
    date_end = fields.Date(string="End", required=True, tracking=True)
    state = fields.Selection(
        AGREEMENT_STATES,
        string="Status",
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    distributor_type_id = fields.Many2one(
        "distributor.type",
        check_company=True,
        tracking=True,
        ondelete="restrict",
        help="A draft of the type starts from its price policy, payment terms and target split.",
    )
    # What the distributor may sell, where and on what terms
    product_line_ids = fields.Many2many(
        "distributor.product.line",
        string="Product Lines",
        check_company=True,
        ondelete="restrict",
        help="Empty: every product line.",
    )
    territory_ids = fields.One2many(
        "distributor.agreement.territory", "agreement_id", string="Territories", copy=True
    )
    pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Price Policy",
        check_company=True,
        tracking=True,
        compute="_compute_type_terms",
        store=True,
        readonly=False,
        precompute=True,
    )
    payment_term_id = fields.Many2one(
        "account.payment.term",
        string="Payment Terms",
        check_company=True,
        tracking=True,
        compute="_compute_type_terms",
        store=True,
        readonly=False,
        precompute=True,
    )
    deposit = fields.Monetary(tracking=True, help="Deposit or guarantee money agreed.")
    planned_monthly_purchase = fields.Monetary(
        help="What the distributor plans to buy a month: the basis of a new distributor's "
        "credit limit."
    )
    registered_capital = fields.Monetary(
        tracking=True,
        help="The distributor's registered capital (注册资本), for its credit review.",
    )
    marketing_fund = fields.Monetary(help="Marketing support the company commits for the period.")
    support_staff = fields.Integer(help="People the company puts at the distributor's side.")
    support_notes = fields.Text(string="Other Support", help="Training, displays, samples...")
    notes = fields.Html(string="Terms")
    # Targets (任务量)
    target_ids = fields.One2many(
        "distributor.agreement.target", "agreement_id", string="Targets", copy=True
    )
    target_split = fields.Selection(
        TARGET_SPLITS,
        required=True,
        compute="_compute_type_terms",
        store=True,
        readonly=False,
        precompute=True,
    )
    yearly_target = fields.Monetary(
        string="Target to Split", help="The amount the Split button spreads over the periods."
    )
    target_total = fields.Monetary(compute="_compute_target_total", string="Total Target")
    # The workflow's record, written by the workflow only
    submitted_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approved_date = fields.Datetime(readonly=True, copy=False)
    rejection_reason = fields.Text(readonly=True, copy=False)
    termination_reason = fields.Text(readonly=True, copy=False)
    terminated_date = fields.Date(
        readonly=True, copy=False, help="The day it was terminated: later periods earn nothing."
    )
    renewed_from_id = fields.Many2one(
        "distributor.agreement", string="Renews", readonly=True, copy=False, index="btree_not_null"
    )
    renewal_ids = fields.One2many("distributor.agreement", "renewed_from_id", string="Renewals")

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("distributor_type_id")
    def _compute_type_terms(self):
        # A draft takes the type's terms it names; what the type leaves open stays as it was.
        for agreement in self:
            kind = agreement.distributor_type_id if agreement.state == "draft" else False
            company = kind and kind.sudo().company_id
            if company and company != agreement.company_id:
                kind = False  # another company's type names nothing here (check_company refuses it)
            agreement.pricelist_id = (kind and kind.pricelist_id) or agreement.pricelist_id
            agreement.payment_term_id = (kind and kind.payment_term_id) or agreement.payment_term_id
            agreement.target_split = (
                (kind and kind.target_split) or agreement.target_split or "month"
            )

    @api.depends("target_ids.amount")
    def _compute_target_total(self):
        for agreement in self:
            agreement.target_total = sum(agreement.target_ids.mapped("amount"))

    @api.depends("name", "partner_id")
    def _compute_display_name(self):
        for agreement in self:
            agreement.display_name = " · ".join(
                filter(
                    None,
                    [
                        agreement.name if agreement.name != "/" else None,
                        agreement.partner_id.display_name,
                    ],
                )
            ) or self.env._("New Agreement")

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("partner_id")
    def _check_distributor_is_company(self):
        for agreement in self:
            partner = agreement.partner_id
            if partner != partner.commercial_partner_id:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is a contact of %(company)s: the agreement is made with "
                        "the company.",
                        partner=partner.display_name,
                        company=partner.commercial_partner_id.display_name,
                    )
                )

    @api.constrains("date_start", "date_end", "product_line_ids")
    def _check_period(self):
        for agreement in self:
            if agreement.date_end < agreement.date_start:
                raise ValidationError(self.env._("An agreement cannot end before it starts."))
        # The targets stay within the period and lines, whichever side moves.
        self.target_ids._check_target()

    @api.constrains(
        "deposit",
        "planned_monthly_purchase",
        "registered_capital",
        "marketing_fund",
        "support_staff",
        "yearly_target",
    )
    def _check_figures(self):
        for agreement in self:
            figures = (
                agreement.deposit,
                agreement.planned_monthly_purchase,
                agreement.registered_capital,
                agreement.marketing_fund,
                agreement.support_staff,
                agreement.yearly_target,
            )
            if min(figures) < 0:
                raise ValidationError(self.env._("Agreement figures cannot be negative."))

    @api.constrains("state", "date_start", "date_end", "product_line_ids", "company_id")
    def _check_exclusive_territories(self):
        self.filtered(lambda a: a.state in BINDING_STATES)._raise_territory_conflicts()

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model
    def default_get(self, fields_list):
        # A new agreement shows as the draft it will be, whatever defaults were set.
        defaults = super().default_get(fields_list)
        if not self.env.su:
            defaults.update(dict.fromkeys(WORKFLOW_FIELDS & defaults.keys(), False))
            if "state" in fields_list:
                defaults["state"] = "draft"
        return defaults

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not self.env.su:
                # An agreement starts as a draft, whatever the client, the context's defaults
                # or ir.default say: only the workflow moves it on.
                vals.update(dict.fromkeys(WORKFLOW_FIELDS - {"state"}, False), state="draft")
            # The reference is the sequence's, whatever a client sends.
            if not self.env.su or vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                vals["name"] = (
                    self.env["ir.sequence"]
                    .with_company(company)
                    .next_by_code("distributor.agreement")
                    or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            if (WORKFLOW_FIELDS | {"name"}) & vals.keys():
                raise AccessError(
                    self.env._(
                        "An agreement moves through its workflow buttons only (submit, approve, "
                        "reject, terminate, renew)."
                    )
                )
            self._check_draft(vals.keys())
        result = super().write(vals)
        if not self.env.su:
            # Odoo checks the rules before a write only: a draft handed to another
            # representative or company would leave the writer's reach unchecked.
            self.check_access("write")
        return result

    def copy_data(self, default=None):
        # A copy is a new draft of the same distributor; its targets are kept as they were.
        vals_list = super().copy_data(default)
        for vals in vals_list:
            vals["name"] = "/"
        return vals_list

    @api.ondelete(at_uninstall=False)
    def _unlink_except_draft(self):
        if not self.env.su and self.filtered(lambda a: a.state != "draft" or a.submitted_by_id):
            raise UserError(self.env._("A submitted agreement is kept as a record."))

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_export_xlsx(self):
        """The agreements workbook: the selected agreements, or the current search."""
        Export = self.env["distributor.agreement.export"]
        agreements = Export._xlsx_records_to_export(self)
        return Export.create({"agreement_ids": agreements.ids}).action_download()

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    @api.model
    def _signed_representatives(self, partners, users):
        """{(user, distributor, company)} of the signed agreements (in force or ended) of
        ``partners`` that name one of ``users`` as their representative: who runs which
        distributor (sudo: asked whoever reads)."""
        agreements = self.sudo().search(
            [
                ("partner_id", "in", partners.ids),
                ("user_id", "in", users.ids),
                ("state", "in", REBATE_AGREEMENT_STATES),
            ]
        )
        return {(a.user_id, a.partner_id, a.company_id) for a in agreements}

    @api.model
    def _on_days(self, records, day_field, states=BINDING_STATES):
        """{record: the agreement of its distributor and company whose period holds its day
        (``day_field``), in ``states``}, the latest first, for the set in one search. sudo: a
        report finds its agreement whoever writes it; reading the agreement stays ruled."""
        agreements = self.sudo().search(
            [("partner_id", "in", records.partner_id.ids), ("state", "in", states)],
            order="date_start desc",
        )
        found = {}
        for record in records:
            day = record[day_field]
            found[record] = agreements.filtered(
                lambda a, r=record, d=day: a.partner_id == r.partner_id
                and a.company_id == r.company_id
                and d
                and a.date_start <= d <= a.date_end
            )[:1]
        return found

    def _check_draft(self, names=()):
        """Refuse changing an agreement once it left draft (the chatter and attachments
        excepted): a signed agreement is changed by a new one, never in place."""
        if self.env.su or set(names) <= {"message_main_attachment_id", "activity_ids"}:
            return
        if self.filtered(lambda a: a.state != "draft"):
            raise UserError(
                self.env._(
                    "Only a draft agreement can be changed. Reject it and take it back to "
                    "draft, or renew it into a new period."
                )
            )

    def _claims(self):
        """The territories these agreements claim, as rules.Claim."""
        return [
            rules.Claim(
                agreement.id,
                line.territory_id,
                line.territory_id.parent_path,
                line.exclusive,
                # An archived product line is still claimed: archiving frees nothing.
                frozenset(agreement.with_context(active_test=False).product_line_ids.ids),
                agreement.date_start,
                agreement.date_end,
            )
            for agreement in self
            for line in agreement.territory_ids
            if line.territory_id
        ]

    def _territory_conflicts(self):
        """(claim, other claim) pairs where these agreements meet a binding agreement of the
        same company in a territory either claims exclusively. One search for the set."""
        if not self:
            return []
        # Two approvals at once must not both pass, each on a snapshot without the other:
        # touching the companies' rows makes the later transaction fail to serialize, and
        # Odoo retries it, this time seeing the first.
        self.env.cr.execute(
            SQL("UPDATE res_company SET id = id WHERE id IN %s", tuple(self.company_id.ids))
        )
        # sudo: a representative's draft is checked against every agreement of the company,
        # also those of other representatives they cannot read.
        others = (
            self.sudo().search(
                [
                    ("state", "in", BINDING_STATES),
                    ("company_id", "in", self.company_id.ids),
                    ("id", "not in", self.ids),
                    ("date_start", "<=", max(self.mapped("date_end"))),
                    ("date_end", ">=", min(self.mapped("date_start"))),
                ]
            )
            | self.filtered(lambda a: a.state in BINDING_STATES).sudo()
        )
        mine = self.sudo()._claims()
        theirs = others._claims()
        companies = {a.id: a.company_id for a in self.sudo() | others}
        return [
            (a, b)
            for a, b in rules.conflicts(mine, theirs)
            if companies[a.agreement] == companies[b.agreement]
        ]

    def _raise_territory_conflicts(self):
        pairs = self._territory_conflicts()
        if not pairs:
            return
        claim, other = pairs[0]
        other_agreement = self.browse(other.agreement)
        values = {
            "territory": claim.territory.sudo().complete_name,
            "held": other.territory.sudo().complete_name,
            "start": format_date(self.env, other.start),
            "end": format_date(self.env, other.end),
        }
        if other_agreement.has_access("read"):
            values["other"] = self.env._(
                "agreement %(name)s of %(distributor)s",
                name=other_agreement.name,
                distributor=other_agreement.partner_id.display_name,
            )
        else:  # whose it is stays with those who may read it
            values["other"] = self.env._("an agreement you cannot open")
        if claim.territory == other.territory:
            where = self.env._("%(territory)s is already claimed", **values)
        else:
            where = self.env._("%(territory)s lies within or around %(held)s, claimed", **values)
        raise ValidationError(
            self.env._(
                "%(where)s by %(other)s (%(start)s to %(end)s) for "
                "the same product lines, and one of the two claims is exclusive (区域总代理). "
                "Change the territory, the product lines or the period, or end the other "
                "agreement first.",
                where=where,
                **values,
            )
        )

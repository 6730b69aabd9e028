"""Violations of an agreement (窜货 cross-territory selling, 乱价 selling below the price
policy): reported with evidence, decided with the penalty by a Channel Manager."""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..const import (
    MANAGER_GROUP,
    VIOLATION_DECISION_FIELDS,
    VIOLATION_KINDS,
    VIOLATION_STATES,
    VIOLATION_WORKFLOW_FIELDS,
)


class DistributorViolation(models.Model):
    """Anyone running the market reports what they found; a Channel Manager who did not report
    it confirms it with the penalty the agreement provides, or dismisses it with the reason.
    A decided violation is kept as it was decided."""

    _name = "distributor.violation"
    _description = "Distributor Violation"
    _inherit = ["mail.thread", "mail.activity.mixin", "b2b.input.mixin", "b2b.approval.mixin"]
    _order = "date desc, id desc"
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
    agreement_id = fields.Many2one(
        "distributor.agreement",
        compute="_compute_agreement_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        check_company=True,
        domain="[('partner_id', '=', partner_id)]",
        help="The agreement in force on the day: its terms give the penalty.",
    )
    user_id = fields.Many2one(
        related="agreement_id.user_id", store=True, string="Market Representative"
    )
    kind = fields.Selection(VIOLATION_KINDS, string="Violation", required=True, tracking=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    territory_id = fields.Many2one(
        "distributor.territory", string="Found In", check_company=True, tracking=True
    )
    product_id = fields.Many2one("product.product", check_company=True)
    found_price = fields.Monetary(help="The price the goods were sold at, for selling below it.")
    description = fields.Text(required=True, help="What was found, where and how we know.")
    state = fields.Selection(
        VIOLATION_STATES,
        string="Status",
        default="reported",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    penalty = fields.Monetary(tracking=True, help="The penalty applied under the agreement.")
    decision_note = fields.Text(string="Decision", tracking=True)
    reported_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, default=lambda self: self.env.user
    )
    decided_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    decided_date = fields.Datetime(readonly=True, copy=False)

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("partner_id", "date", "company_id")
    def _compute_agreement_id(self):
        found = self.env["distributor.agreement"]._on_days(self, "date")
        for violation in self:
            violation.agreement_id = found[violation]

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("penalty", "found_price")
    def _check_figures(self):
        if any(v.penalty < 0 or v.found_price < 0 for v in self):
            raise ValidationError(self.env._("A penalty or a price cannot be negative."))

    @api.constrains("agreement_id", "partner_id")
    def _check_agreement(self):
        for violation in self:
            if violation.agreement_id and violation.agreement_id.partner_id != violation.partner_id:
                raise ValidationError(
                    self.env._("The agreement must be the violating distributor's.")
                )

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model
    def default_get(self, fields_list):
        # A new report shows as what it will be, whatever defaults were set.
        defaults = super().default_get(fields_list)
        if not self.env.su:
            for name in VIOLATION_WORKFLOW_FIELDS & defaults.keys():
                defaults[name] = False
            if "state" in fields_list:
                defaults["state"] = "reported"
            if "reported_by_id" in fields_list:
                defaults["reported_by_id"] = self.env.uid
        return defaults

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not self.env.su:
                # A report is its reporter's and undecided, whatever a client or default says.
                self._check_decision_rights(vals)
                vals.update(
                    dict.fromkeys(VIOLATION_WORKFLOW_FIELDS, False),
                    state="reported",
                    reported_by_id=self.env.uid,
                )
            if not self.env.su or vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                vals["name"] = (
                    self.env["ir.sequence"]
                    .with_company(company)
                    .next_by_code("distributor.violation")
                    or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            if (VIOLATION_WORKFLOW_FIELDS | {"name"}) & vals.keys():
                raise AccessError(self.env._("A violation is decided through its buttons only."))
            self._check_decision_rights(vals)
            if self.filtered(lambda v: v.state != "reported"):
                raise UserError(self.env._("A decided violation is kept as it was decided."))
        result = super().write(vals)
        if not self.env.su:
            self.check_access("write")
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided(self):
        if not self.env.su and self.filtered(lambda v: v.state != "reported"):
            raise UserError(self.env._("A decided violation is kept as it was decided."))

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_confirm(self):
        """Confirm the violations with the penalty set on them (zero: a warning)."""
        self._check_decider()
        self.sudo().write(
            {
                "state": "confirmed",
                "decided_by_id": self.env.uid,
                "decided_date": fields.Datetime.now(),
            }
        )
        return True

    def action_dismiss(self):
        """Dismiss the violations, the reason given in the decision."""
        self._check_decider()
        if any(not (v.decision_note or "").strip() for v in self):
            raise UserError(self.env._("Say in the decision why the violation is dismissed."))
        self.sudo().write(
            {
                "state": "dismissed",
                "penalty": 0.0,
                "decided_by_id": self.env.uid,
                "decided_date": fields.Datetime.now(),
            }
        )
        return True

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _approval_requesters(self):
        self.ensure_one()
        return self.reported_by_id | self.create_uid

    def _check_decision_rights(self, vals):
        if VIOLATION_DECISION_FIELDS & vals.keys() and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(self.env._("Only a Channel Manager decides the penalty."))

    def _check_decider(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(self.env._("Only a Channel Manager decides a violation."))
        self.check_access("write")
        if self.filtered(lambda v: v.state != "reported"):
            raise UserError(self.env._("The violation is already decided."))
        self._check_not_own_request()

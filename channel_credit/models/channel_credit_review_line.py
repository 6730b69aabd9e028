from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..rules import MAX_ITEM_SCORE

# What a line takes from its checklist item.
ITEM_SET = {"item_id", "name", "weight", "required", "evidence_required"}


class ChannelCreditReviewLine(models.Model):
    """One investigation item of a credit review: its finding, evidence and score."""

    _name = "channel.credit.review.line"
    _description = "Credit Investigation Line"
    _inherit = ["channel.credit.input.mixin"]
    _order = "review_id, sequence, id"
    _check_company_auto = True

    _sql_constraints = [
        ("item_once", "UNIQUE(review_id, item_id)", "A checklist item appears once in a review.")
    ]

    review_id = fields.Many2one(
        "channel.credit.review", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="review_id.company_id", store=True)
    item_id = fields.Many2one(
        "channel.credit.check.item",
        string="Checklist Item",
        ondelete="set null",
        check_company=True,
    )
    name = fields.Char(string="Item", required=True)
    sequence = fields.Integer(default=10)
    weight = fields.Integer(default=10, required=True)
    required = fields.Boolean()
    evidence_required = fields.Boolean()
    checked = fields.Boolean(string="Verified")
    not_applicable = fields.Boolean(
        string="N/A", help="Left out of the score (a required item always counts)."
    )
    score = fields.Integer(help="0 (worst) to 10 (best).")
    finding = fields.Text()
    attachment_ids = fields.Many2many("ir.attachment", string="Evidence")
    missing = fields.Boolean(compute="_compute_missing")

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("required", "checked", "evidence_required", "attachment_ids")
    def _compute_missing(self):
        for line in self:
            line.missing = line.required and (
                not line.checked or (line.evidence_required and not line.attachment_ids)
            )

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("score", "weight", "required", "not_applicable")
    def _check_line(self):
        for line in self:
            if not 0 <= line.score <= MAX_ITEM_SCORE:
                raise ValidationError(
                    self.env._(
                        "%(item)s: the score must be between 0 and %(max)s.",
                        item=line.name,
                        max=MAX_ITEM_SCORE,
                    )
                )
            if not 0 < line.weight <= 100:
                raise ValidationError(
                    self.env._("%(item)s: the weight must be between 1 and 100.", item=line.name)
                )
            if line.required and line.not_applicable:
                raise ValidationError(
                    self.env._("%(item)s is required: it cannot be N/A.", item=line.name)
                )

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        reviews = self.env["channel.credit.review"].browse(
            [vals.get("review_id") for vals in vals_list if vals.get("review_id")]
        )
        reviews._check_draft()
        if not self.env.su:
            if not all(vals.get("item_id") for vals in vals_list):
                raise UserError(
                    self.env._(
                        "An investigation line is an item of the company's checklist: add "
                        "items in the configuration."
                    )
                )
            reviews._add_editor()
            # A checklist item counts as the company set it, whatever the client sends.
            items = self.env["channel.credit.check.item"].browse(
                [vals["item_id"] for vals in vals_list if vals.get("item_id")]
            )
            copies = {v["item_id"]: v for v in items.sudo()._line_values()}
            for vals in vals_list:
                if vals.get("item_id"):
                    vals.update({k: v for k, v in copies[vals["item_id"]].items() if k in ITEM_SET})
        lines = super().create(vals_list)
        lines._own_evidence()
        return lines

    def write(self, vals):
        self.review_id._check_draft()
        if "review_id" in vals:
            self.env["channel.credit.review"].browse(vals["review_id"])._check_draft()
        if not self.env.su:
            if ITEM_SET & vals.keys():
                raise UserError(
                    self.env._(
                        "The checklist's items, weights and requirements are set in the "
                        "configuration, not on a review."
                    )
                )
            self.review_id._add_editor()
        result = super().write(vals)
        if "attachment_ids" in vals:
            self._own_evidence()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_in_draft(self):
        self.review_id._check_draft()
        if not self.env.su:
            raise UserError(
                self.env._(
                    "A checklist item cannot be removed from a review: mark it N/A if it does "
                    "not apply."
                )
            )

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _own_evidence(self):
        """Evidence uploaded on a line belongs to it, so whoever may read the review (its
        approvers) may read the evidence. sudo: the uploader's bare attachment is theirs
        alone until then."""
        for line in self:
            line.attachment_ids.filtered(lambda a: not a.res_model or not a.res_id).sudo().write(
                {"res_model": self._name, "res_id": line.id}
            )

    def _score_items(self):
        """(weight, score) of the lines that count, for rules.investigation_score."""
        return [(line.weight, line.score) for line in self if not line.not_applicable]

    def _missing_names(self):
        return ", ".join(line.item_id.name or line.name for line in self.filtered("missing"))

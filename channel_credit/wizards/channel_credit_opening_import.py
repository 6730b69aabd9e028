"""Going live with existing limits: an administrator imports the limits, terms and policies the
distributors already have, once, recorded as opening credit reviews with a reason. After that a
limit rises only through a credit review."""

from collections import defaultdict

from odoo import Command, fields, models
from odoo.exceptions import AccessError, UserError

from ..const import CREDIT_GRADES, CREDIT_POLICIES

# The columns of the import, in order (see _import_columns).
KEYS = ("partner", "credit_limit", "term_days", "policy", "grade", "max_overdue_days")


class ChannelCreditOpeningImport(models.TransientModel):
    _name = "channel.credit.opening.import"
    _description = "Import Opening Credit Limits"
    _inherit = ["b2b.xlsx.import.mixin"]

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )
    reason = fields.Text(
        required=True,
        help="Why these limits hold without going through the approval chain, e.g. the limits "
        "approved before the company went live in Odoo.",
    )

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_import(self):
        """Check every row first; any bad row refuses the whole file with its row number and
        reason, and nothing is imported."""
        self.ensure_one()
        self._import_check_rights()
        if not (self.reason or "").strip():
            raise UserError(self.env._("Give the reason these limits hold without a review."))
        rows = self._import_rows()
        named = self._named_companies(row.get("partner") for _number, row in rows)
        seen = {}

        def row_values(number, row):
            vals = self._row_values(row, named)
            partner = vals["partner"]
            if partner in seen:
                raise UserError(
                    self.env._(
                        "%(partner)s is already on row %(first)s.",
                        partner=partner.display_name,
                        first=seen[partner],
                    )
                )
            seen[partner] = number
            return vals

        reviews = self._apply(self._import_values(rows, row_values))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Opening Credit Reviews"),
            "res_model": "channel.credit.review",
            "view_mode": "list,form",
            "domain": [("id", "in", reviews.ids)],
        }

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _import_check_rights(self):
        if not self.env.user.has_group("base.group_system"):
            raise AccessError(
                self.env._("Only an administrator imports the limits a company goes live with.")
            )

    def _import_columns(self):
        return {
            "partner": self.env._("Distributor"),
            "credit_limit": self.env._("Credit Limit"),
            "term_days": self.env._("Credit Term (Days)"),
            "policy": self.env._("Credit Policy"),
            "grade": self.env._("Credit Grade"),
            "max_overdue_days": self.env._("Max Overdue Days"),
        }

    def _import_required(self):
        return ["partner", "credit_limit", "policy"]

    def _import_template(self):
        example = ("Example Distributor Co.", 500000, 30, "block", "aa", 30)
        return self.env._("Opening Limits"), self.env._("Opening limits template"), [example]

    def _row_values(self, row, named):
        partner = self._find_partner(row.get("partner"), named)
        company = self.company_id
        if partner.with_company(company).sudo().channel_credit_policy:
            raise UserError(
                self.env._(
                    "%(partner)s is already under credit control: raise its limit through a "
                    "credit review.",
                    partner=partner.display_name,
                )
            )
        policies = {key: key for key, _label in CREDIT_POLICIES}
        policies.update(
            {str(label).lower(): key for key, label in self._selection("channel_credit_policy")}
        )
        grades = {key: key for key, _label in CREDIT_GRADES}
        grades.update({str(label).lower(): key for key, label in CREDIT_GRADES})
        policy = policies.get(str(row.get("policy") or "").strip().lower())
        if not policy:
            raise UserError(
                self.env._(
                    "the credit policy %(value)s is not one of %(policies)s.",
                    value=row.get("policy") or "-",
                    policies=", ".join(
                        label for _key, label in self._selection("channel_credit_policy")
                    ),
                )
            )
        grade_cell = str(row.get("grade") or "").strip().lower()
        grade = grades.get(grade_cell) if grade_cell else False
        if grade_cell and not grade:
            raise UserError(
                self.env._("the credit grade %(value)s is unknown.", value=row.get("grade"))
            )
        return {
            "partner": partner,
            "policy": policy,
            "grade": grade,
            "credit_limit": self._import_number(row, "credit_limit", 0, 10**13),
            "term_days": int(self._import_number(row, "term_days", 0, 365, whole=True)),
            "max_overdue_days": int(
                self._import_number(row, "max_overdue_days", 0, 3650, whole=True, default=30)
            ),
        }

    def _selection(self, name):
        return self.env["res.partner"]._fields[name]._description_selection(self.env)

    def _named_companies(self, cells):
        """{cell text: the companies it names}, by internal reference, else tax ID, else name:
        one search for the whole file."""
        texts = {str(cell).strip() for cell in cells if cell not in (None, "")} - {""}
        if not texts:
            return {}
        found = (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search(
                [
                    ("is_company", "=", True),
                    ("parent_id", "=", False),
                    ("company_id", "in", [False, self.company_id.id]),
                    "|",
                    "|",
                    ("ref", "in", list(texts)),
                    ("vat", "in", list(texts)),
                    ("name", "in", list(texts)),
                ]
            )
        )
        by_key = {key: defaultdict(lambda: found.browse()) for key in ("ref", "vat", "name")}
        for partner in found:
            for key, index in by_key.items():
                if partner[key]:
                    index[partner[key]] |= partner
        named = {}
        for text in texts:
            for index in by_key.values():
                if text in index:
                    named[text] = index[text]
                    break
        return named

    def _find_partner(self, cell, named):
        text = str(cell or "").strip()
        if not text:
            raise UserError(self.env._("the distributor is missing."))
        found = named.get(text)
        if not found:
            raise UserError(
                self.env._("no company %(value)s (name, internal reference or tax ID).", value=text)
            )
        if len(found) > 1:
            raise UserError(
                self.env._(
                    "%(value)s names %(count)s companies: give its internal reference or tax ID.",
                    value=text,
                    count=len(found),
                )
            )
        return found

    def _apply(self, values):
        """An opening credit review per distributor, applied as it stands: the company's limits
        before Odoo, not a new grant. As superuser, after the administrator's check."""
        Review = self.env["channel.credit.review"].sudo()
        reviews = Review.browse()
        today = fields.Date.context_today(self)
        for vals in values:
            partner = vals["partner"].with_company(self.company_id).sudo()
            review = Review.create(
                {
                    "partner_id": partner.id,
                    "company_id": self.company_id.id,
                    "kind": "limit",
                    "date": today,
                    "line_ids": [Command.clear()],
                    "grade": vals["grade"],
                    "credit_limit": vals["credit_limit"],
                    "term_days": vals["term_days"],
                    "opening": True,
                    "notes": self.reason,
                    "reviewer_id": self.env.uid,
                    "submitted_by_id": self.env.uid,
                    "state": "approved",
                }
            )
            partner.write(
                {
                    "channel_credit_policy": vals["policy"],
                    "credit_limit": vals["credit_limit"],
                    "channel_credit_term_days": vals["term_days"],
                    "channel_credit_grade": vals["grade"],
                    "channel_max_overdue_days": vals["max_overdue_days"],
                }
            )
            body = self.env._(
                "Opening credit (going live) imported by %(user)s: %(reason)s",
                user=self.env.user.name,
                reason=self.reason,
            )
            review.message_post(body=body, subtype_xmlid="mail.mt_note")
            partner.message_post(body=body, subtype_xmlid="mail.mt_note")
            reviews |= review
        return reviews

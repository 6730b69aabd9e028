"""Going live with existing limits: an administrator imports the limits, terms and policies the
distributors already have, once, recorded as opening credit reviews with a reason. After that a
limit rises only through a credit review."""

import base64
import csv
import io
from collections import defaultdict
from urllib.parse import quote

import openpyxl
import xlsxwriter

from odoo import Command, fields, models
from odoo.exceptions import AccessError, UserError

from ..const import CREDIT_GRADES, CREDIT_POLICIES

# The columns of the import, in order (see _columns).
KEYS = ("partner", "credit_limit", "term_days", "policy", "grade", "max_overdue_days")


class ChannelCreditOpeningImport(models.TransientModel):
    _name = "channel.credit.opening.import"
    _description = "Import Opening Credit Limits"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )
    file = fields.Binary(string="Spreadsheet", attachment=False)
    filename = fields.Char()
    reason = fields.Text(
        required=True,
        help="Why these limits hold without going through the approval chain, e.g. the limits "
        "approved before the company went live in Odoo.",
    )
    template = fields.Binary(readonly=True, attachment=False)
    template_name = fields.Char()

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_download_template(self):
        self.ensure_one()
        self._check_administrator()
        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = book.add_worksheet(self.env._("Opening Limits"))
        bold = book.add_format({"bold": True})
        for col, header in enumerate(self._headers()):
            sheet.write(0, col, header, bold)
            sheet.set_column(col, col, 22)
        example = ("Example Distributor Co.", 500000, 30, "block", "aa", 30)
        for col, value in enumerate(example):
            sheet.write(1, col, value)
        book.close()
        name = self.env._("Opening limits template") + ".xlsx"
        self.write({"template": base64.b64encode(output.getvalue()), "template_name": name})
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/template/{quote(name)}?download=true",
            "target": "self",
        }

    def action_import(self):
        """Check every row first; any bad row refuses the whole file with its row number and
        reason, and nothing is imported."""
        self.ensure_one()
        self._check_administrator()
        if not (self.reason or "").strip():
            raise UserError(self.env._("Give the reason these limits hold without a review."))
        if not self.file:
            raise UserError(self.env._("Choose the spreadsheet to import."))
        rows = self._read_rows()
        named = self._named_companies(row.get("partner") for _number, row in rows)
        values, errors = [], []
        seen = {}
        for number, row in rows:
            try:
                vals = self._row_values(row, named)
            except UserError as error:
                errors.append(self.env._("Row %(row)s: %(error)s", row=number, error=error))
                continue
            partner = vals["partner"]
            if partner in seen:
                errors.append(
                    self.env._(
                        "Row %(row)s: %(partner)s is already on row %(first)s.",
                        row=number,
                        partner=partner.display_name,
                        first=seen[partner],
                    )
                )
                continue
            seen[partner] = number
            values.append(vals)
        if errors:
            raise UserError("\n".join(errors))
        if not values:
            raise UserError(self.env._("The spreadsheet holds no distributor."))
        reviews = self._apply(values)
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

    def _check_administrator(self):
        if not self.env.user.has_group("base.group_system"):
            raise AccessError(
                self.env._("Only an administrator imports the limits a company goes live with.")
            )

    def _columns(self):
        """{column key: header} in the user's language, in the order of KEYS."""
        return {
            "partner": self.env._("Distributor"),
            "credit_limit": self.env._("Credit Limit"),
            "term_days": self.env._("Credit Term (Days)"),
            "policy": self.env._("Credit Policy"),
            "grade": self.env._("Credit Grade"),
            "max_overdue_days": self.env._("Max Overdue Days"),
        }

    def _headers(self):
        columns = self._columns()
        return [columns[key] for key in KEYS]

    def _read_rows(self):
        """[(spreadsheet row number, {column key: cell})], the header row mapped by name (in
        English or in the user's language)."""
        content = base64.b64decode(self.file)
        try:
            # An XLSX file is a zip archive; anything else is read as CSV.
            if content[:2] == b"PK":
                book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
                table = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
            else:
                table = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        except Exception as error:
            raise UserError(
                self.env._(
                    "The file cannot be read as a spreadsheet (XLSX or CSV): %(error)s", error=error
                )
            ) from error
        if not table:
            raise UserError(self.env._("The spreadsheet is empty."))
        # Headers are read in English or in the user's language.
        names = {}
        for columns in (self.with_context(lang="en_US")._columns(), self._columns()):
            names.update({header.lower(): key for key, header in columns.items()})
        keys = [names.get(str(cell or "").strip().lower()) for cell in table[0]]
        if "partner" not in keys or "credit_limit" not in keys or "policy" not in keys:
            raise UserError(
                self.env._(
                    "The first row names the columns: %(columns)s (download the template).",
                    columns=", ".join(self._headers()),
                )
            )
        rows = []
        for number, cells in enumerate(table[1:], start=2):
            if not any(cell not in (None, "") for cell in cells):
                continue
            rows.append(
                (number, {key: cell for key, cell in zip(keys, cells, strict=False) if key})
            )
        return rows

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
            "credit_limit": self._number(row, "credit_limit", 0, 10**13),
            "term_days": int(self._number(row, "term_days", 0, 365, whole=True)),
            "max_overdue_days": int(
                self._number(row, "max_overdue_days", 0, 3650, whole=True, default=30)
            ),
        }

    def _selection(self, name):
        return self.env["res.partner"]._fields[name]._description_selection(self.env)

    def _number(self, row, key, low, high, whole=False, default=0):
        value = row.get(key)
        if value in (None, ""):
            return default
        try:
            number = float(str(value).replace(",", ""))
        except ValueError:
            number = None
        if (
            number is None
            or number != number
            or not low <= number <= high
            or (whole and number != int(number))
        ):
            raise UserError(
                self.env._(
                    "%(column)s: %(value)s is not a number from %(low)s to %(high)s.",
                    column=self._columns()[key],
                    value=value,
                    low=low,
                    high=high,
                )
            )
        return number

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

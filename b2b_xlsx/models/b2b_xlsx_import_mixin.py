"""Importing a spreadsheet (XLSX or CSV) the way every B2B import does: a template to download,
headers read in English or the user's language, every row checked first, and any bad row
refusing the whole file with its row number and reason, so nothing is half-imported."""

import base64
import csv
import io
from urllib.parse import quote

import openpyxl
import xlsxwriter

from odoo import fields, models
from odoo.exceptions import UserError

# A refused file lists this many bad rows, then how many more there are.
MAX_ERRORS = 50


class B2bXlsxImportMixin(models.AbstractModel):
    """For an import wizard: it names its columns (_import_columns), those the first row must
    hold (_import_required), its template (_import_template) and who may import
    (_import_check_rights); it turns a row into values with _import_values."""

    _name = "b2b.xlsx.import.mixin"
    _description = "Spreadsheet Import"

    file = fields.Binary(string="Spreadsheet", attachment=False)
    filename = fields.Char()
    template = fields.Binary(readonly=True, attachment=False)
    template_name = fields.Char()

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_download_template(self):
        self.ensure_one()
        self._import_check_rights()
        sheet_name, file_name, examples = self._import_template()
        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = book.add_worksheet(sheet_name[:31])
        bold = book.add_format({"bold": True})
        for col, header in enumerate(self._import_columns().values()):
            sheet.write(0, col, header, bold)
            sheet.set_column(col, col, 22)
        for row, example in enumerate(examples, start=1):
            for col, value in enumerate(example):
                sheet.write(row, col, value)
        book.close()
        name = f"{file_name}.xlsx"
        self.write({"template": base64.b64encode(output.getvalue()), "template_name": name})
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/template/{quote(name)}?download=true",
            "target": "self",
        }

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _import_columns(self):
        """{column key: header in the user's language}, in the template's order."""
        raise NotImplementedError

    def _import_required(self):
        """The column keys the first row must name."""
        return list(self._import_columns())[:1]

    def _import_template(self):
        """(sheet name, file name without extension, example rows)."""
        raise NotImplementedError

    def _import_check_rights(self):
        """Refuse who may not import (AccessError)."""

    def _import_rows(self):
        """[(spreadsheet row number, {column key: cell})], the header row mapped by name (in
        English or in the user's language), empty rows left out."""
        if not self.file:
            raise UserError(self.env._("Choose the spreadsheet to import."))
        content = base64.b64decode(self.file)
        try:
            # An XLSX file is a zip archive; anything else is read as CSV.
            if content[:2] == b"PK":
                book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
                table = book.worksheets[0].iter_rows(values_only=True)
            else:
                table = csv.reader(io.StringIO(content.decode("utf-8-sig")))
            header = next(iter(table), None)
            if header is None:
                raise UserError(self.env._("The spreadsheet is empty."))
            names = {}
            for columns in (
                self.with_context(lang="en_US")._import_columns(),
                self._import_columns(),
            ):
                names.update({header.lower(): key for key, header in columns.items()})
            keys = [names.get(str(cell or "").strip().lower()) for cell in header]
            if not set(self._import_required()) <= set(keys):
                raise UserError(
                    self.env._(
                        "The first row names the columns: %(columns)s (download the template).",
                        columns=", ".join(self._import_columns().values()),
                    )
                )
            rows = []
            for number, cells in enumerate(table, start=2):
                if any(cell not in (None, "") for cell in cells):
                    rows.append(
                        (number, {key: cell for key, cell in zip(keys, cells, strict=False) if key})
                    )
        except UserError:
            raise
        except Exception as error:
            raise UserError(
                self.env._(
                    "The file cannot be read as a spreadsheet (XLSX or CSV): %(error)s", error=error
                )
            ) from error
        return rows

    def _import_values(self, rows, row_values):
        """[row_values(number, row) for each row], or a UserError listing every bad row (the
        UserErrors row_values raises) with its number: nothing is imported then."""
        values, errors = [], []
        for number, row in rows:
            try:
                values.append(row_values(number, row))
            except UserError as error:
                errors.append(self.env._("Row %(row)s: %(error)s", row=number, error=error))
        if errors:
            more = len(errors) - MAX_ERRORS
            if more > 0:
                errors = errors[:MAX_ERRORS] + [self.env._("... and %(count)s more.", count=more)]
            raise UserError("\n".join(errors))
        if not values:
            raise UserError(self.env._("The spreadsheet holds no row to import."))
        return values

    def _import_number(self, row, key, low, high, whole=False, default=0):
        """The number in ``row``'s ``key`` column (thousands separators allowed), ``default``
        when empty; a UserError naming the column when it is not a number within low..high."""
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
                    column=self._import_columns()[key],
                    value=value,
                    low=low,
                    high=high,
                )
            )
        return number

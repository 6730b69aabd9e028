"""Workbooks a manager sends without touching.

Each sheet opens with a title line (company, what it is, its period or as-of date, who
exported it and when). Tables keep their header frozen and filterable, sum the columns that
add up, wrap long text in rows tall enough to show it, and print on A4 fitted to the page
width, the header repeated on every page.
"""

import base64
import io
import re
import unicodedata
from collections import namedtuple
from urllib.parse import quote

import xlsxwriter
from xlsxwriter.utility import xl_range

from odoo import fields
from odoo.addons.b2b_base import clock
from odoo.tools import format_datetime

# One column of a table: its title, width (in characters), cell style (a key of
# Workbook.fmt: "text", "wrap", "money", "int", "pct", "decimal", "days", "date", and the
# signed "signed_int", "signed_decimal", "signed_pct" for scores around 0 and changes) and how
# to read a row's value. Totals sum the money and int columns.
# ``summed``: whether a totals row adds the column up (not scores, rates or what is left of a
# limit, which mean nothing added).
Column = namedtuple("Column", "title width style get summed", defaults=(True,))

# Points per line of wrapped text in the default 11-point font (Chinese fonts run taller).
LINE_HEIGHT = 16
PAPER_A4 = 9
SHEET_NAME_MAX = 31
SUMMED_STYLES = ("money", "int")
TOTAL_STYLES = {"money": "total_money", "int": "total_int"}
# Every date of a workbook, in its cells and its titles, reads one way in every language.
DATE_FORMAT = "yyyy-mm-dd"
# What follows a currency's unit in brackets is its explanation (元（人民币）), not the unit.
UNIT_NOTE = re.compile(r"\s*[(（].*$")


def day_text(day):
    """A date as the workbooks write it everywhere (2026-12-03)."""
    return fields.Date.to_string(day) if day else ""


def moment_text(env, moment):
    """A stored (UTC) datetime as the workbooks write it, in the reader's time zone
    (2026-12-03 17:40)."""
    if not moment:
        return ""
    return format_datetime(env, moment, tz=clock.user_tz(env), dt_format="yyyy-MM-dd HH:mm")


def selection_labels(records, field_name):
    """{key: label} of a selection field of ``records``, in their environment's language."""
    return dict(records._fields[field_name]._description_selection(records.env))


def text_width(text):
    """Width of ``text`` in Excel's character units: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def line_count(text, width):
    """How many lines ``text`` takes in a wrapped cell ``width`` characters wide: wrapped as a
    spreadsheet wraps it, at spaces and after hyphens, a word longer than a line (or Chinese,
    which has no spaces) broken where the line ends."""
    usable = max(width - 1, 1)
    total = 0
    for part in str(text).split("\n"):
        lines, used = 1, 0
        for token in re.findall(r"\s+|[^\s-]*-|[^\s-]+", part):
            size = text_width(token)
            if token.isspace():
                used += size if used else 0
                continue
            if used and used + size > usable:
                lines, used = lines + 1, 0
            lines += (used + size - 1) // usable
            used = (used + size - 1) % usable + 1
        total += lines
    return total


class Workbook:
    """An XLSX file being built; ``env`` decides the language, rights and time zone."""

    def __init__(self, env, company):
        self.env = env
        self.company = company
        self._buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(self._buffer, {"in_memory": True})
        self._sheet_names = set()
        top = {"valign": "top"}
        self.fmt = {
            name: self.book.add_format(props)
            for name, props in {
                "title": {"bold": True, "font_size": 13},
                "subtitle": {"font_color": "#595959"},
                "head": {
                    **top,
                    "bold": True,
                    "bg_color": "#DDE4EE",
                    "border": 1,
                    "text_wrap": True,
                },
                "label": {**top, "bold": True, "bg_color": "#F2F2F2", "border": 1},
                "text": top,
                "wrap": {**top, "text_wrap": True},
                "money": {**top, "num_format": "#,##0.00"},
                "int": {**top, "num_format": "0"},
                "pct": {**top, "num_format": "0.0%"},
                "decimal": {**top, "num_format": "#,##0.0"},
                "days": {**top, "num_format": "0"},  # a whole number that is not summed
                "date": {**top, "num_format": DATE_FORMAT},
                "signed_int": {**top, "num_format": "+0;-0;0"},
                "signed_decimal": {**top, "num_format": "+0.0;-0.0;0.0"},
                "signed_pct": {**top, "num_format": "+0.0%;-0.0%;0.0%"},
                "alert": {**top, "font_color": "#C00000", "bold": True, "text_wrap": True},
                "good": {**top, "font_color": "#007A33", "bold": True},
                "total_label": {"bold": True, "top": 1},
                "total_money": {"bold": True, "top": 1, "num_format": "#,##0.00"},
                "total_int": {"bold": True, "top": 1, "num_format": "0"},
            }.items()
        }

    def money_unit(self):
        """The unit money columns are in: the company currency's unit in the reader's
        language (元, Dollars), or its code when the currency names none."""
        currency = self.company.with_env(self.env).currency_id
        label = UNIT_NOTE.sub("", currency.currency_unit_label or "")
        return label or currency.name

    def money_title(self, title):
        """A money column's header with its unit: 金额（元）, Amount (Yuan)."""
        return self.env._("%(title)s (%(unit)s)", title=title, unit=self.money_unit())

    def sheet(self, name, title, scope, landscape=True, pages_wide=1):
        """A new sheet named ``name`` (made unique and valid), opening with the title line.
        ``pages_wide``: the pages its columns print across (a wide table squeezed onto one
        page is unreadable); the first column then repeats on each."""
        worksheet = self.book.add_worksheet(self._unique_name(name))
        worksheet.set_paper(PAPER_A4)
        if landscape:
            worksheet.set_landscape()
        else:
            worksheet.set_portrait()
        worksheet.fit_to_pages(pages_wide, 0)
        if pages_wide > 1:
            worksheet.repeat_columns(0)
        worksheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        worksheet.set_footer("&C&P / &N")
        sheet = Sheet(self, worksheet)
        exported = self.env._(
            "Exported by %(user)s on %(date)s",
            user=self.env.user.name,
            date=moment_text(self.env, fields.Datetime.now()),
        )
        worksheet.write(0, 0, f"{self.company.name} · {title}", self.fmt["title"])
        worksheet.write(1, 0, " · ".join(filter(None, [scope, exported])), self.fmt["subtitle"])
        sheet.row = 3
        return sheet

    def close(self):
        """The file's bytes."""
        self.book.close()
        return self._buffer.getvalue()

    def _unique_name(self, name):
        base = "".join(" " if c in "[]:*?/\\" else c for c in name).strip()[:SHEET_NAME_MAX]
        base = base or "-"
        candidate, n = base, 1
        while candidate.lower() in self._sheet_names:
            n += 1
            suffix = f" ({n})"
            candidate = base[: SHEET_NAME_MAX - len(suffix)] + suffix
        self._sheet_names.add(candidate.lower())
        return candidate


class Sheet:
    """A sheet filled from the top down: ``row`` is the next free row."""

    def __init__(self, workbook, worksheet):
        self.workbook = workbook
        self.ws = worksheet
        self.row = 0
        self._filtered = False
        self._widths = {}

    @property
    def fmt(self):
        return self.workbook.fmt

    def set_widths(self, widths):
        """Column widths (in characters) from the first column on."""
        for col, width in enumerate(widths):
            self._widths[col] = width
            self.ws.set_column(col, col, width)

    def write_row(self, values, styles=None):
        """One row of values (with optional styles), tall enough for its wrapped text."""
        styles = styles or [None] * len(values)
        for col, (value, style) in enumerate(zip(values, styles, strict=True)):
            self.write_cell(self.row, col, value, style)
        self._fit_height(self.row, values, styles)
        self.row += 1

    def labelled(self, items):
        """A block of (label, value) or (label, value, style) rows."""
        for label, value, *style in items:
            self.ws.write(self.row, 0, label, self.fmt["label"])
            self.write_cell(self.row, 1, value, style[0] if style else None)
            self.row += 1
        self.row += 1

    def table(self, columns, records, totals=None, freeze_cols=1):
        """A table of ``records``: header, one row each, and with ``totals`` (its label) a
        row that sums the money and integer columns. The first table of a sheet gets the
        frozen header, the autofilter and the header repeated on printed pages."""
        header = self.row
        self.set_widths([column.width for column in columns])
        self.write_row(
            [
                self.workbook.money_title(column.title) if column.style == "money" else column.title
                for column in columns
            ],
            ["head"] * len(columns),
        )
        for record in records:
            self.write_row(
                [column.get(record) for column in columns], [column.style for column in columns]
            )
        last_data = max(self.row - 1, header + 1)
        if totals:
            self.ws.write(self.row, 0, totals, self.fmt["total_label"])
            for col, column in enumerate(columns):
                if col and column.summed and column.style in SUMMED_STYLES:
                    values = [column.get(r) for r in records]
                    self.ws.write_formula(
                        self.row,
                        col,
                        f"=SUM({xl_range(header + 1, col, last_data, col)})",
                        self.fmt[TOTAL_STYLES[column.style]],
                        sum(v for v in values if isinstance(v, int | float)),
                    )
            self.row += 1
        if not self._filtered:
            self._filtered = True
            self.ws.freeze_panes(header + 1, freeze_cols)
            self.ws.autofilter(header, 0, last_data, len(columns) - 1)
            self.ws.repeat_rows(header)
        self.row += 1
        return header

    def write_cell(self, row, col, value, style=None):
        cell_format = self.fmt[style] if style else None
        if value is None or value is False:
            self.ws.write_blank(row, col, None, cell_format)
        elif style == "date":
            self.ws.write_datetime(row, col, value, cell_format)
        else:
            self.ws.write(row, col, value, cell_format)

    def fit_merged(self, row, text, width):
        """Size ``row`` for ``text`` wrapped in a merged cell ``width`` characters wide."""
        lines = line_count(text, width)
        if lines > 1:
            self.ws.set_row(row, LINE_HEIGHT * lines)

    def _fit_height(self, row, values, styles):
        lines = max(
            (
                line_count(value, self._widths.get(col, 10))
                for col, (value, style) in enumerate(zip(values, styles, strict=True))
                if style in ("wrap", "head", "alert") and isinstance(value, str) and value
            ),
            default=1,
        )
        if lines > 1:
            self.ws.set_row(row, LINE_HEIGHT * lines)


def download_action(record, content, label, day):
    """Store ``content`` on ``record`` (a transient with ``data`` and ``filename``) under a
    file name in the user's language, and hand it to the browser."""
    filename = f"{label}_{day}.xlsx".replace("/", "-")
    record.write({"data": base64.b64encode(content), "filename": filename})
    return {
        "type": "ir.actions.act_url",
        "url": f"/web/content/{record._name}/{record.id}/data/{quote(filename)}?download=true",
        "target": "self",
    }

"""What a distributor's own people read and send in the portal: their agreements in force,
their targets with the money collected, their rebates and their sell-through reports. Public
figures only: never a margin, a score, a grade, a violation or a note of ours."""

import base64
import io
from collections import defaultdict, namedtuple
from datetime import timedelta

import openpyxl

from odoo import fields, models
from odoo.addons.b2b_base.const import APPROVED
from odoo.exceptions import UserError
from odoo.tools import format_date

from .. import rules
from ..const import (
    PORTAL_REPORT_MONTHS,
    PORTAL_UPLOAD_MAX_BYTES,
    PORTAL_UPLOADS_PER_HOUR,
    REBATE_AGREEMENT_STATES,
)

PortalPeriod = namedtuple("PortalPeriod", "key date_from date_to rows")
PortalTarget = namedtuple("PortalTarget", "agreement line amount collected attainment")

# The rebates a distributor reads: a cancelled entry earns and owes nothing.
PORTAL_REBATE_STATES = ("accrued", APPROVED, "settled")
# Those it may download the statement of: decided by us, no longer a mere accrual.
PORTAL_STATEMENT_STATES = (APPROVED, "settled")
# The targets a period's figures count: those of agreements in force, and of those that
# expired this year (a renewal's year starts in the agreement it renewed).
PORTAL_TARGET_STATES = (APPROVED, "expired")


class ResPartner(models.Model):
    _inherit = "res.partner"

    # -------------------------------------------------------------------------
    # What the distributor reads
    # -------------------------------------------------------------------------

    def _distributor_portal_agreements(self, company):
        """This distributor's agreements in force in ``company``, the earliest first."""
        # sudo: portal users hold none of the distributor groups; read for this commercial
        # entity and company only (the caller passes the user's own).
        return (
            self.env["distributor.agreement"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", self.commercial_partner_id.id),
                    ("company_id", "=", company.id),
                    ("state", "=", APPROVED),
                ],
                order="date_start, id",
            )
        )

    def _distributor_portal_targets(self, company, today):
        """[PortalPeriod] for the calendar month, quarter and year ``today`` (the reader's
        day) is in: each with the targets lying within it, added up by agreement and product
        line, against the net money collected for them (the targets' own figures: collected
        less paid back, as attainment and rebates count it); no rows: no target for it."""
        periods = rules.calendar_periods(today)
        _key, year_start, year_end = periods[-1]
        # sudo: as for the agreements; superuser reads every target's money (_compute_figures).
        targets = (
            self.env["distributor.agreement.target"]
            .sudo()
            .search(
                [
                    ("agreement_id.partner_id", "=", self.commercial_partner_id.id),
                    ("company_id", "=", company.id),
                    ("state", "in", PORTAL_TARGET_STATES),
                    ("date_from", ">=", year_start),
                    ("date_to", "<=", year_end),
                ]
            )
        )
        result = []
        for key, start, end in periods:
            sums = defaultdict(lambda: [0.0, 0.0])
            for target in targets:
                if start <= target.date_from and target.date_to <= end:
                    figures = sums[target.agreement_id, target.product_line_id]
                    figures[0] += target.amount
                    figures[1] += target.rebate_base
            rows = [
                PortalTarget(
                    agreement, line, amount, collected, rules.attainment(collected, amount)
                )
                for (agreement, line), (amount, collected) in sorted(
                    sums.items(),
                    key=lambda item: (item[0][0].date_start, item[0][0].id, item[0][1].name or ""),
                )
            ]
            result.append(PortalPeriod(key, start, end, rows))
        return result

    def _distributor_portal_rebates(self, company):
        """This distributor's rebates in ``company`` (cancelled ones left out), the latest
        period first."""
        # sudo: as for the agreements (the ledger is read by Channel users only).
        return (
            self.env["distributor.rebate"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", self.commercial_partner_id.id),
                    ("company_id", "=", company.id),
                    ("state", "in", PORTAL_REBATE_STATES),
                ]
            )
        )

    def _distributor_portal_statement_rebate(self, company, rebate_id):
        """The rebate ``rebate_id`` if it is this distributor's in ``company`` and approved or
        settled (its statement may be downloaded), else an empty recordset."""
        rebates = self._distributor_portal_rebates(company)
        return rebates.filtered(
            lambda rebate: rebate.id == rebate_id and rebate.state in PORTAL_STATEMENT_STATES
        )

    def _distributor_portal_reports(self, company):
        """This distributor's sell-through and stock reports in ``company``, the latest first."""
        # sudo: as for the agreements.
        return (
            self.env["distributor.stock.report"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", self.commercial_partner_id.id),
                    ("company_id", "=", company.id),
                ]
            )
        )

    # -------------------------------------------------------------------------
    # What the distributor sends
    # -------------------------------------------------------------------------

    def _distributor_portal_upload(self, company, month, filename, content):
        """Import the spreadsheet ``content`` (named ``filename``), sent by the current portal
        user of this distributor, into its report of ``month`` (its first day) in ``company``,
        through the back office's import wizard: the same template and checks, a bad row
        refusing the whole file with its number. The report is made for the month when there
        is none yet, only with the file imported. Returns (report, None) or (empty, why
        refused); every attempt within the hourly limit is logged (distributor.portal.upload)."""
        self.ensure_one()
        partner = self.commercial_partner_id
        user = self.env.user
        # sudo: the log is written by this door only; nobody has rights on it.
        Upload = self.env["distributor.portal.upload"].sudo()
        recent = Upload.search_count(
            [
                ("user_id", "=", user.id),
                ("create_date", ">=", self.env.cr.now() - timedelta(hours=1)),
            ]
        )
        problem = rules.portal_upload_problem(
            filename, len(content), recent, PORTAL_UPLOAD_MAX_BYTES, PORTAL_UPLOADS_PER_HOUR
        )
        if problem == "rate":
            return self.env["distributor.stock.report"], self.env._(
                "You have sent %(count)s files in the last hour: please wait a while and send "
                "the file again.",
                count=recent,
            )
        report = self.env["distributor.stock.report"]
        try:
            self._distributor_portal_check_file(problem, content, company, month)
            with self.env.cr.savepoint():
                report = self._distributor_portal_report(company, month)
                # sudo: portal users have no rights on reports or on the wizard; the report is
                # this distributor's own (found or made above for its commercial entity and
                # company), so the wizard's rights check (_import_check_rights) is passed as
                # superuser after that ownership check, and its rows go through the same checks.
                self.env["distributor.stock.import"].sudo().create(
                    {
                        "report_id": report.id,
                        "file": base64.b64encode(content),
                        "filename": filename,
                        "replace": True,
                    }
                ).action_import()
        except UserError as error:
            report = self.env["distributor.stock.report"]
            message = error.args[0]
        else:
            message = None
        Upload.create(
            {
                "user_id": user.id,
                "partner_id": partner.id,
                "company_id": company.id,
                "report_id": report.id,
                "date_from": month,
                "filename": (filename or "")[:255],
                "size": len(content),
                "state": "refused" if message else "imported",
                "message": message,
            }
        )
        return report, message

    def _distributor_portal_entered_workbook(self, rows):
        """The import template's workbook holding ``rows`` [(product, sold, stock)] as typed on
        the portal page, numbers left as text: the import reads and checks them as it does a
        file's cells."""
        # sudo: only the wizard's column headers are read (portal users have no rights on it).
        columns = self.env["distributor.stock.import"].sudo().new({})._import_columns()
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(list(columns.values()))
        for product, sold, stock in rows:
            sheet.append([(product or "").strip(), (sold or "").strip(), (stock or "").strip()])
        output = io.BytesIO()
        book.save(output)
        return output.getvalue()

    def _distributor_portal_check_file(self, problem, content, company, month):
        """Refuse (UserError) a file of the wrong type or size, or a month the portal does not
        report."""
        if problem == "type":
            raise UserError(self.env._("Send the spreadsheet as an Excel workbook (.xlsx)."))
        if problem == "size":
            raise UserError(
                self.env._(
                    "The file is empty or larger than %(size)s MB.",
                    size=PORTAL_UPLOAD_MAX_BYTES // (1024 * 1024),
                )
            )
        # An .xlsx workbook is a zip archive: anything else would be read as text (CSV).
        if content[:2] != b"PK":
            raise UserError(
                self.env._("The file is not an Excel workbook (.xlsx): save it as one.")
            )
        today = fields.Date.context_today(self)
        if month not in rules.portal_report_months(today, PORTAL_REPORT_MONTHS):
            raise UserError(self.env._("Choose one of the months offered."))

    def _distributor_portal_report(self, company, month):
        """This distributor's report of ``month`` in ``company``: the one there is, else a new
        one, as the back office makes them, while an agreement holds the month."""
        partner = self.commercial_partner_id
        month_end = rules.month_end(month)
        # sudo: as for the reports read above; the month and entity are the user's own.
        Report = self.env["distributor.stock.report"].sudo()
        report = Report.search(
            [
                ("partner_id", "=", partner.id),
                ("company_id", "=", company.id),
                ("date_from", "=", month),
                ("date_to", "=", month_end),
            ],
            limit=1,
        )
        if report:
            return report
        bound = (
            self.env["distributor.agreement"]
            .sudo()
            .search_count(
                [
                    ("partner_id", "=", partner.id),
                    ("company_id", "=", company.id),
                    ("state", "in", REBATE_AGREEMENT_STATES),
                    ("date_start", "<=", month_end),
                    ("date_end", ">=", month),
                ],
                limit=1,
            )
        )
        if not bound:
            raise UserError(
                self.env._(
                    "No agreement of yours holds %(month)s: please contact us.",
                    month=format_date(self.env, month, date_format="MMMM y"),
                )
            )
        return Report.create(
            {
                "partner_id": partner.id,
                "company_id": company.id,
                "date_from": month,
                "date_to": month_end,
            }
        )

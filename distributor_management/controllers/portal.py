import base64

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.addons.b2b_base import portal
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.http import request

from .. import rules
from ..const import (
    PORTAL_ENTERED_FILENAME,
    PORTAL_ENTRY_ROWS,
    PORTAL_REPORT_MONTHS,
    PORTAL_UPLOAD_MAX_BYTES,
    PORTAL_UPLOADS_PER_HOUR,
)
from ..report.distributor_rebate_xlsx import build_rebate_statement

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class DistributorPortal(CustomerPortal):
    """The distributor's agreements, targets, rebates and sell-through reports, read and sent
    by its own portal users: every route answers for the user's commercial entity only, in the
    user's company."""

    # -------------------------------------------------------------------------
    # Who is reading
    # -------------------------------------------------------------------------

    def _distributor_today(self):
        return fields.Date.context_today(request.env.user)

    def _distributor_months(self):
        return rules.portal_report_months(self._distributor_today(), PORTAL_REPORT_MONTHS)

    def _distributor_month(self, month):
        """The first day of ``month`` (YYYY-MM), one of the months the portal reports; 404 for
        anything else."""
        return portal.month_start(month, self._distributor_months())

    # -------------------------------------------------------------------------
    # Agreements, targets and rebates
    # -------------------------------------------------------------------------

    @http.route("/my/distributor", type="http", auth="user", website=True)
    def portal_my_distributor(self, **kw):
        partner, company = portal.distributor_of(request.env)
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="distributor",
            agreements=partner._distributor_portal_agreements(company),
            periods=partner._distributor_portal_targets(company, self._distributor_today()),
            rebates=partner._distributor_portal_rebates(company),
            currency=company.currency_id,
        )
        return request.render("distributor_management.portal_my_distributor", values)

    @http.route(
        "/my/distributor/rebate/<int:rebate_id>/xlsx", type="http", auth="user", website=True
    )
    def portal_my_rebate_statement(self, rebate_id, **kw):
        partner, company = portal.distributor_of(request.env)
        rebate = partner._distributor_portal_statement_rebate(company, rebate_id)
        if not rebate:
            raise NotFound()
        content = build_rebate_statement(rebate, company)
        filename = f"{request.env._('Rebate Statement')} {rebate.name}.xlsx"
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX),
                ("Content-Disposition", http.content_disposition(filename)),
            ],
        )

    # -------------------------------------------------------------------------
    # Sell-through and stock reports
    # -------------------------------------------------------------------------

    @http.route("/my/distributor/stock", type="http", auth="user", website=True)
    def portal_my_stock(self, error=None, imported=None, **kw):
        partner, company = portal.distributor_of(request.env)
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="distributor_stock",
            reports=partner._distributor_portal_reports(company),
            months=self._distributor_months(),
            max_mb=PORTAL_UPLOAD_MAX_BYTES // (1024 * 1024),
            per_hour=PORTAL_UPLOADS_PER_HOUR,
            entry_rows=range(PORTAL_ENTRY_ROWS),
            error=error,
            imported=imported,
        )
        return request.render("distributor_management.portal_my_stock", values)

    @http.route("/my/distributor/stock/<int:report_id>", type="http", auth="user", website=True)
    def portal_my_stock_report(self, report_id, **kw):
        partner, company = portal.distributor_of(request.env)
        report = partner._distributor_portal_reports(company).filtered(
            lambda report: report.id == report_id
        )
        if not report:
            raise NotFound()
        values = self._prepare_portal_layout_values()
        values.update(page_name="distributor_stock_report", report=report)
        return request.render("distributor_management.portal_my_stock_report", values)

    @http.route(
        "/my/distributor/stock/upload", type="http", auth="user", website=True, methods=["POST"]
    )
    def portal_my_stock_upload(self, month=None, spreadsheet=None, **kw):
        partner, company = portal.distributor_of(request.env)
        start = self._distributor_month(month)
        filename = getattr(spreadsheet, "filename", None) or ""
        # One byte more than allowed tells a file too big without reading all of it.
        content = spreadsheet.read(PORTAL_UPLOAD_MAX_BYTES + 1) if spreadsheet else b""
        report, error = partner._distributor_portal_upload(company, start, filename, content)
        if error:
            return self.portal_my_stock(error=error)
        return request.redirect(f"/my/distributor/stock?imported={report.id}")

    @http.route(
        "/my/distributor/stock/enter", type="http", auth="user", website=True, methods=["POST"]
    )
    def portal_my_stock_enter(self, month=None, **kw):
        partner, company = portal.distributor_of(request.env)
        start = self._distributor_month(month)
        form = request.httprequest.form
        rows = zip(
            form.getlist("product"),
            form.getlist("qty_sold"),
            form.getlist("qty_stock"),
            strict=False,
        )
        # Typed on the page, sent as the template's workbook: the same import, checks, limits
        # and log as a file.
        content = partner._distributor_portal_entered_workbook(
            [row for row in rows if any((cell or "").strip() for cell in row)]
        )
        report, error = partner._distributor_portal_upload(
            company, start, PORTAL_ENTERED_FILENAME, content
        )
        if error:
            return self.portal_my_stock(error=error)
        return request.redirect(f"/my/distributor/stock?imported={report.id}")

    @http.route("/my/distributor/stock/template", type="http", auth="user", website=True)
    def portal_my_stock_template(self, **kw):
        portal.distributor_of(request.env)
        # sudo: portal users have no rights on the import wizard; the template holds its
        # column headers and examples only, no record of anyone's.
        wizard = request.env["distributor.stock.import"].sudo().new({})
        wizard.action_download_template()
        return request.make_response(
            base64.b64decode(wizard.template),
            headers=[
                ("Content-Type", XLSX),
                ("Content-Disposition", http.content_disposition(wizard.template_name)),
            ],
        )

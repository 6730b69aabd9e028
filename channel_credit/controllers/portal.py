from dateutil.relativedelta import relativedelta
from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.addons.b2b_base import clock, guards, portal
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from ..const import PORTAL_PROMISE_DAYS

# The months a distributor can open in the portal, the last closed one first.
STATEMENT_MONTHS = 12


class ChannelCreditPortal(CustomerPortal):
    """The distributor's credit and statements of account, read by its own portal users: every
    route answers for the user's commercial entity only, in the user's company."""

    # -------------------------------------------------------------------------
    # Who is reading
    # -------------------------------------------------------------------------

    def _channel_month(self, month):
        """The first day of ``month`` (YYYY-MM), one of the closed months a distributor can
        open; 404 for anything else."""
        return portal.month_start(month, self._channel_months())

    def _channel_months(self):
        """The closed months a statement can be opened for, the latest first: closed in the
        company's day, the books' clock (a user's own time zone is theirs to change)."""
        # sudo: the company's time zone is no secret, but its partner is not the portal's.
        company = request.env.user.company_id.sudo()
        today = clock.local_date(fields.Datetime.now(), clock.company_tz(company))
        this_month = today.replace(day=1)
        return [this_month - relativedelta(months=n) for n in range(1, STATEMENT_MONTHS + 1)]

    def _channel_statement(self, month):
        partner, company = portal.distributor_of(request.env)
        return request.env["channel.credit.statement"]._channel_issue(
            partner, company, self._channel_month(month)
        )

    # -------------------------------------------------------------------------
    # Credit
    # -------------------------------------------------------------------------

    @http.route("/my/credit", type="http", auth="user", website=True)
    def portal_my_credit(self, **kw):
        partner, company = portal.distributor_of(request.env)
        credit = partner._channel_portal_credit(company)
        promises = partner._channel_portal_promises(company, credit.overdue)
        today = fields.Date.context_today(request.env.user)
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="channel_credit",
            credit=credit,
            currency=company.currency_id,
            company=company,
            open_promise=promises.own,
            promisable=promises.left,
            promise_hint=partner._channel_portal_promise_hint(company, promises),
            promise_last=today + relativedelta(days=PORTAL_PROMISE_DAYS),
            today=today,
            message=kw.get("message"),
            error=kw.get("error"),
        )
        return request.render("channel_credit.portal_my_credit", values)

    @http.route("/my/credit/promise", type="http", auth="user", website=True, methods=["POST"])
    def portal_my_credit_promise(self, amount=None, promised_for=None, note=None, **kw):
        partner, company = portal.distributor_of(request.env)
        try:
            partner._channel_portal_promise(
                company,
                self._channel_float(amount),
                self._channel_date(promised_for),
                note,
            )
        except UserError as error:
            return self.portal_my_credit(error=error.args[0])
        return request.redirect("/my/credit?message=promised")

    def _channel_float(self, value):
        """A typed amount as a number, 0.0 (refused as no amount) when it is none the input
        guard would take."""
        if not value or guards.blank(value) or not guards.finite_number(value):
            return 0.0
        number = float(value)
        return number if abs(number) < guards.MAX_MAGNITUDE else 0.0

    def _channel_date(self, value):
        try:
            return fields.Date.to_date(value)
        except (TypeError, ValueError):
            return None

    # -------------------------------------------------------------------------
    # Statements of account
    # -------------------------------------------------------------------------

    @http.route("/my/credit/statements", type="http", auth="user", website=True)
    def portal_my_statements(self, **kw):
        partner, company = portal.distributor_of(request.env)
        months = self._channel_months()
        issued = {
            statement.date_from: statement
            for statement in request.env["channel.credit.statement"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", partner.id),
                    ("company_id", "=", company.id),
                    ("date_from", ">=", months[-1]),
                ]
            )
        }
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="channel_statements",
            months=[(month, issued.get(month)) for month in months],
        )
        return request.render("channel_credit.portal_my_statements", values)

    @http.route("/my/credit/statement/<string:month>", type="http", auth="user", website=True)
    def portal_my_statement(self, month, **kw):
        statement = self._channel_statement(month)
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="channel_statement",
            statement=statement,
            month=month,
            error=kw.get("error"),
        )
        return request.render("channel_credit.portal_my_statement", values)

    @http.route(
        "/my/credit/statement/<string:month>/answer",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_statement_answer(
        self, month, answer=None, line_id=None, comment=None, seen=None, **kw
    ):
        partner, company = portal.distributor_of(request.env)
        # Answered as the page showed it: never issued again between showing and answering.
        statement = request.env["channel.credit.statement"]._channel_find(
            partner, company, self._channel_month(month)
        )
        if not statement:
            raise NotFound()
        if line_id == "all":
            lines = statement.line_ids.filtered(lambda line: line.state == "pending")
        else:
            try:
                lines = statement.line_ids.filtered(lambda line: line.id == int(line_id))
            except (TypeError, ValueError) as error:
                raise NotFound() from error
            if not lines and seen == statement._channel_seen():
                raise NotFound()
        try:
            statement._channel_answer(lines, answer, comment, seen)
        except (UserError, AccessError) as error:
            return self.portal_my_statement(month, error=error.args[0])
        return request.redirect(f"/my/credit/statement/{month}")

    @http.route(
        "/my/credit/statement/<string:month>/<any(pdf,xlsx):file_type>",
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_statement_download(self, month, file_type, **kw):
        statement = self._channel_statement(month)
        if file_type == "pdf":
            return self._show_report(
                statement, "pdf", "channel_credit.action_report_channel_credit_statement", True
            )
        content, filename = statement._channel_xlsx()
        return request.make_response(
            content,
            headers=[
                (
                    "Content-Type",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
                ("Content-Disposition", http.content_disposition(filename)),
            ],
        )

from odoo import api, fields, models
from odoo.addons.b2b_xlsx.workbook import Column, Workbook, day_text, moment_text, selection_labels
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, format_amount, format_date, plaintext2html

from .. import rules
from ..const import STATEMENT_STATES


class ChannelCreditStatement(models.Model):
    """A distributor's statement of account (对账单) for one month, as issued to it: the
    opening balance, the month's invoices, credit notes and payments, the closing balance.
    The distributor confirms or disputes each line in the portal; a dispute becomes its
    collector's to-do, and a confirmed statement keeps who confirmed it and when."""

    _name = "channel.credit.statement"
    _description = "Statement of Account"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_from desc, id desc"
    _check_company_auto = True
    # The collector answers a dispute in the chatter and closes its to-do: nobody writes it.
    _mail_post_access = "read"

    partner_id = fields.Many2one(
        "res.partner", string="Distributor", required=True, readonly=True, index=True
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(string="From", required=True, readonly=True)
    date_to = fields.Date(string="To", required=True, readonly=True)
    opening_balance = fields.Monetary(readonly=True)
    closing_balance = fields.Monetary(readonly=True)
    line_ids = fields.One2many("channel.credit.statement.line", "statement_id", readonly=True)
    state = fields.Selection(
        STATEMENT_STATES, compute="_compute_state", store=True, tracking=True, default="open"
    )
    confirmed_by_id = fields.Many2one("res.users", readonly=True)
    confirmed_date = fields.Datetime(string="Confirmed On", readonly=True)

    _sql_constraints = [
        (
            "month_unique",
            "UNIQUE(partner_id, company_id, date_from)",
            "A distributor has one statement a month.",
        ),
    ]

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("partner_id", "date_from")
    def _compute_display_name(self):
        for statement in self:
            statement.display_name = " · ".join(
                filter(
                    None,
                    [
                        statement.partner_id.name,
                        statement.date_from and statement.date_from.strftime("%Y-%m"),
                    ],
                )
            )

    @api.depends("line_ids.state", "confirmed_date")
    def _compute_state(self):
        for statement in self:
            statement.state = rules.statement_state(
                statement.line_ids.mapped("state"), bool(statement.confirmed_date)
            )

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._check_issuer()
        return super().create(vals_list)

    def write(self, vals):
        # Followers, messages and activities are the chatter's; the statement is the books'.
        if vals.keys() - {"message_follower_ids", "activity_ids", "message_main_attachment_id"}:
            self._check_issuer()
        return super().write(vals)

    def _check_issuer(self):
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "A statement of account is issued from the books and answered by the "
                    "distributor in the portal: it cannot be written by hand."
                )
            )

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_reissue(self):
        """Issue the statement again from the books, every line to be answered again: once the
        collector has corrected what the distributor disputed."""
        self.check_access("read")
        self._channel_check_collector()
        if self.filtered(lambda s: s.state == "confirmed"):
            raise UserError(self.env._("A confirmed statement stays as it was confirmed."))
        for statement in self.sudo():
            statement._rebuild(again=True)
            statement.activity_ids.action_feedback(
                feedback=self.env._("Statement issued again from the books.")
            )
            statement.message_post(body=self.env._("Statement issued again from the books."))
        return True

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _channel_check_collector(self):
        user = self.env.user
        if user.has_group("channel_credit.group_channel_credit_manager"):
            return
        # Each statement's own: one of ours must not carry another distributor's along.
        if any(statement.partner_id.user_id != user for statement in self.sudo()):
            raise AccessError(
                self.env._(
                    "Only the distributor's salesperson or a Credit Manager issues its "
                    "statement again."
                )
            )

    @api.model
    def _channel_find(self, partner, company, month_start):
        """The statement of ``partner`` (a commercial entity) in ``company`` for the month
        starting ``month_start``, as issued (as superuser: the caller decided who may read
        it)."""
        return self.sudo().search(
            [
                ("partner_id", "=", partner.id),
                ("company_id", "=", company.id),
                ("date_from", "=", month_start),
            ]
        )

    @api.model
    def _channel_issue(self, partner, company, month_start):
        """The statement of ``partner`` in ``company`` for the month starting ``month_start``
        as its page shows it: issued from the books on first reading, and issued again while
        nobody has answered it yet, so a late entry of the month still shows."""
        statement = self._channel_find(partner, company, month_start)
        if not statement:
            statement = self.sudo().create(
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "date_from": month_start,
                    "date_to": rules.month_end(month_start),
                }
            )
            statement._rebuild()
        elif statement.state == "open" and not statement.line_ids.filtered("answered_date"):
            statement._rebuild()
        return statement

    def _channel_seen(self):
        """What a page of this statement showed, as the answer forms send it back: issuing the
        statement again gives new lines, so an answer to an older page is told apart."""
        self.ensure_one()
        lines = ",".join(str(line_id) for line_id in self.line_ids.ids)
        return f"{self.opening_balance:.2f}|{lines}"

    def _rebuild(self, again=False):
        """Lines from the posted receivable entries of the month, one per journal entry, and
        the balances around them (as superuser: the caller decided who may read it). Left as
        they are when the books say the same, so a page the distributor has open stays true
        (``again``: issued anew all the same, every line to be answered again)."""
        self.ensure_one()
        self.env.flush_all()
        opening, rows = self._books()
        digits = self.currency_id.decimal_places
        lines = [
            {
                "move_id": move_id,
                "date": date,
                "kind": rules.statement_kind(move_type, is_payment),
                "debit": round(max(balance, 0.0), digits),
                "credit": round(max(-balance, 0.0), digits),
            }
            for move_id, date, move_type, is_payment, balance in rows
        ]
        issued = [
            {
                "move_id": line.move_id.id,
                "date": line.date,
                "kind": line.kind,
                "debit": line.debit,
                "credit": line.credit,
            }
            for line in self.line_ids
        ]
        if (
            not again
            and issued == lines
            and self.currency_id.is_zero(self.opening_balance - opening)
        ):
            return
        self.write(
            {
                "opening_balance": opening,
                "closing_balance": opening + sum(row[4] for row in rows),
                "line_ids": [fields.Command.clear()]
                + [fields.Command.create(vals) for vals in lines],
                "confirmed_by_id": False,
                "confirmed_date": False,
            }
        )

    def _books(self):
        """(opening balance, [(move, date, move type, is payment, balance)]) of this
        statement's distributor in its company, from posted receivable lines."""
        self.env.cr.execute(
            SQL(
                """
                SELECT l.move_id, MIN(l.date), m.move_type,
                       (m.origin_payment_id IS NOT NULL OR m.statement_line_id IS NOT NULL),
                       SUM(l.balance)::float8, l.date < %(start)s
                  FROM account_move_line l
                  JOIN account_move m ON m.id = l.move_id
                  JOIN account_account a ON a.id = l.account_id
                  JOIN res_partner p ON p.id = l.partner_id
                 WHERE p.commercial_partner_id = %(partner)s
                   AND l.company_id = %(company)s
                   AND l.parent_state = 'posted'
                   AND a.account_type = 'asset_receivable'
                   AND l.date <= %(end)s
                 GROUP BY l.move_id, m.move_type, m.origin_payment_id, m.statement_line_id,
                          l.date < %(start)s
                 ORDER BY MIN(l.date), l.move_id
                """,
                start=self.date_from,
                end=self.date_to,
                partner=self.partner_id.id,
                company=self.company_id.id,
            )
        )
        opening, rows = 0.0, []
        for move_id, date, move_type, is_payment, balance, before in self.env.cr.fetchall():
            if before:
                opening += balance
            elif round(balance, self.currency_id.decimal_places):
                rows.append((move_id, date, move_type, is_payment, balance))
        return opening, rows

    def _channel_answer(self, lines, answer, comment="", seen=None):
        """The distributor's portal user answers ``lines`` of this statement as its page
        showed it (``seen``, see _channel_seen): "confirm" or "dispute" (with a comment, which
        becomes the collector's to-do). Once every line is confirmed, the statement is
        confirmed by that user, now."""
        self.ensure_one()
        statement = self.sudo()
        lines = lines.sudo()
        if statement.state == "confirmed":
            raise UserError(self.env._("This statement is already confirmed."))
        if seen != statement._channel_seen():
            raise UserError(
                self.env._(
                    "The statement has changed since you opened it: please read it again "
                    "before answering."
                )
            )
        if lines - statement.line_ids:
            raise AccessError(self.env._("These lines are not on this statement."))
        comment = (comment or "").strip()[:2000]
        if answer == "dispute" and not comment:
            raise UserError(self.env._("Say what is wrong with the line."))
        if answer not in ("confirm", "dispute"):
            raise UserError(self.env._("Confirm or dispute the line."))
        answered = lines.filtered(lambda line: line.state != "pending")
        if answered:
            raise UserError(
                self.env._(
                    "%(line)s is already answered: please contact us to change it.",
                    line=answered[0].display_name,
                )
            )
        user, now = self.env.user, fields.Datetime.now()
        lines.write(
            {
                "state": "confirmed" if answer == "confirm" else "disputed",
                "comment": comment,
                "answered_by_id": user.id,
                "answered_date": now,
            }
        )
        if answer == "dispute":
            statement._channel_dispute_activity(lines, comment)
        elif all(line.state == "confirmed" for line in statement.line_ids):
            statement.write({"confirmed_by_id": user.id, "confirmed_date": now})
            # Read by the collector: in their language, not the distributor's.
            collector = statement.partner_id._channel_portal_collector(statement.company_id)
            env = self.with_context(lang=collector.lang or self.env.lang).env
            statement.message_post(body=env._("Statement confirmed by %(user)s.", user=user.name))
        return statement

    def _channel_dispute_activity(self, lines, comment):
        """A to-do for the distributor's collector, naming the disputed lines and the reason,
        in the collector's language."""
        collector = self.partner_id._channel_portal_collector(self.company_id)
        env = self.with_context(lang=collector.lang or self.env.lang).env
        currency = self.currency_id
        described = "\n".join(
            env._(
                "%(date)s %(entry)s: %(amount)s",
                date=format_date(env, line.date),
                entry=line.move_id.name,
                amount=format_amount(env, line.debit - line.credit, currency),
            )
            for line in lines
        )
        note = env._(
            "%(user)s disputes:\n%(lines)s\nTheir words: %(comment)s",
            user=self.env.user.name,
            lines=described,
            comment=comment,
        )
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=env._("Statement line disputed"),
            note=plaintext2html(note),
            user_id=collector.id,
        )
        self.message_post(body=plaintext2html(note))

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._(
            "Statement %(partner)s %(month)s",
            partner=self.partner_id.name,
            month=self.date_from.strftime("%Y-%m"),
        )

    def _channel_xlsx(self):
        """(bytes, file name) of this statement as a workbook, in the reader's language."""
        self.ensure_one()
        env = self.env
        book = Workbook(env, self.company_id)
        sheet = book.sheet(
            self.date_from.strftime("%Y-%m"),
            env._("Statement of Account"),
            env._(
                "%(partner)s · %(start)s to %(end)s",
                partner=self.partner_id.name,
                start=day_text(self.date_from),
                end=day_text(self.date_to),
            ),
            landscape=False,
        )
        kinds = selection_labels(self.line_ids, "kind")
        states = selection_labels(self.line_ids, "state")
        sheet.labelled(
            [
                (book.money_title(env._("Opening Balance")), self.opening_balance, "money"),
                (book.money_title(env._("Closing Balance")), self.closing_balance, "money"),
                (env._("Status"), selection_labels(self, "state")[self.state]),
                (env._("Confirmed By"), self.confirmed_by_id.name),
                (env._("Confirmed On"), moment_text(env, self.confirmed_date)),
            ]
        )
        sheet.table(
            [
                Column(env._("Date"), 16, "date", lambda line: line.date),
                Column(env._("Entry"), 20, "text", lambda line: line.move_id.name),
                Column(env._("Type"), 12, "text", lambda line: kinds[line.kind]),
                Column(env._("Debit Amount"), 14, "money", lambda line: line.debit),
                Column(env._("Credit Amount"), 14, "money", lambda line: line.credit),
                Column(env._("Answer"), 12, "text", lambda line: states[line.state]),
                Column(env._("Comment"), 30, "wrap", lambda line: line.comment),
            ],
            self.line_ids,
            totals=env._("Total"),
        )
        return book.close(), f"{self._get_report_base_filename()}.xlsx".replace("/", "-")

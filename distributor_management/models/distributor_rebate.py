"""The rebate ledger (返利台账): what each target's period earned on net collected money,
approved by Channel Managers who did not accrue it, settled by a credit note or as a discount
line on the distributor's next order."""

from odoo import Command, api, fields, models
from odoo.addons.b2b_base import bulk, clock, jobs
from odoo.addons.b2b_base.const import APPROVED
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, float_compare
from odoo.tools.misc import clean_context

from .. import rules
from ..const import MANAGER_GROUP, REBATE_AGREEMENT_STATES, REBATE_OPEN_STATES, REBATE_STATES


class DistributorRebate(models.Model):
    """An entry is made and updated by the accrual only; people move it on with its buttons
    (nobody has write rights on it). What a period already paid is read from its posted credit
    notes, never from a figure on the entry: a later accrual of the same period pays only the
    difference, or claws back (a negative entry, settled by an invoice) when money was paid
    back after a settlement."""

    _name = "distributor.rebate"
    _description = "Rebate"
    _inherit = ["mail.thread", "mail.activity.mixin", "b2b.approval.mixin"]
    _order = "date_to desc, id desc"
    _check_company_auto = True
    # The entry is nobody's to write; those who may read it discuss it.
    _mail_post_access = "read"

    name = fields.Char(string="Reference", readonly=True, copy=False)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    # Stored: a quarter's accrual writes thousands of amounts, each rounded in its currency.
    currency_id = fields.Many2one(related="company_id.currency_id", store=True)
    target_id = fields.Many2one(
        "distributor.agreement.target",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    agreement_id = fields.Many2one(
        related="target_id.agreement_id", store=True, index=True, string="Agreement"
    )
    partner_id = fields.Many2one(
        related="target_id.agreement_id.partner_id", store=True, index=True, string="Distributor"
    )
    user_id = fields.Many2one(
        related="target_id.agreement_id.user_id", store=True, string="Market Representative"
    )
    product_line_id = fields.Many2one(related="target_id.product_line_id")
    date_from = fields.Date(related="target_id.date_from", store=True, string="From")
    date_to = fields.Date(related="target_id.date_to", store=True, string="To")
    # The figures as the accrual read them
    accrual_date = fields.Date(readonly=True)
    target_amount = fields.Monetary(readonly=True)
    base = fields.Monetary(
        string="Net Collected",
        readonly=True,
        help="Money collected in the period for the target's products, less money paid back.",
    )
    attainment = fields.Float(readonly=True)
    rate = fields.Float(string="Rebate (%)", readonly=True, help="The tier's rate and the extras.")
    extra_rate = fields.Float(
        string="Of Which Extras (%)",
        readonly=True,
        help="What paying on time and reporting every month added to the rate.",
    )
    paid_on_time_extra = fields.Boolean(
        string="Paid on Time",
        readonly=True,
        help="Everything that fell due in the period was paid by its due date.",
    )
    reported_extra = fields.Boolean(
        string="Reported Every Month",
        readonly=True,
        help="The sell-through and stock reports hold every month of the period.",
    )
    earned = fields.Monetary(readonly=True, help="Net collected times the rate.")
    paid_before = fields.Monetary(
        string="Already Paid",
        readonly=True,
        help="What the period's earlier settlements paid (their posted credit notes).",
    )
    amount = fields.Monetary(
        string="To Settle",
        readonly=True,
        tracking=True,
        help="Earned less already paid; negative: a claw-back the distributor owes.",
    )
    state = fields.Selection(
        REBATE_STATES, string="Status", default="accrued", readonly=True, tracking=True
    )
    settled_amount = fields.Monetary(
        readonly=True,
        help="What the settlement's credit note was made for (negative: a claw-back).",
    )
    accrued_by_id = fields.Many2one("res.users", readonly=True)
    first_approver_id = fields.Many2one("res.users", readonly=True)
    approved_by_id = fields.Many2one("res.users", readonly=True)
    approved_date = fields.Datetime(readonly=True)
    move_id = fields.Many2one(
        "account.move",
        string="Settlement",
        readonly=True,
        index="btree_not_null",
        groups="account.group_account_invoice",
        help="The credit note paying the rebate (an invoice for a claw-back).",
    )
    sale_line_id = fields.Many2one(
        "sale.order.line",
        string="Discount Line",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        groups="sales_team.group_sale_salesman",
        help="The discount line of the order the rebate is settled on.",
    )
    sale_order_id = fields.Many2one(
        related="sale_line_id.order_id",
        string="Settled on Order",
        groups="sales_team.group_sale_salesman",
    )
    settlement_status = fields.Selection(
        [
            ("none", "Not Settled"),
            ("draft", "To Post"),
            ("to_invoice", "To Invoice"),
            ("posted", "Posted"),
            ("cancel", "Cancelled"),
        ],
        compute="_compute_settlement",
        help="A settled rebate lowers what the distributor owes once its credit note, or the "
        "invoice of the order it is a discount on, is posted.",
    )
    paid = fields.Monetary(
        compute="_compute_settlement",
        help="What the posted credit note or invoice paid (negative: a claw-back).",
    )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends(
        "state",
        "move_id.state",
        "move_id.reversal_move_ids.state",
        "sale_line_id.order_id.state",
        "sale_line_id.invoice_lines.parent_state",
        "settled_amount",
    )
    def _compute_settlement(self):
        # sudo: the accounting and sales documents' state, for those who read the ledger. What
        # a credit note paid is what it was made for: its figures can be rewritten, the
        # ledger's cannot; a discount line's invoices are checked as they post.
        for rebate in self:
            move, line = rebate.sudo().move_id, rebate.sudo().sale_line_id
            if line:
                status = rules.order_settlement_status(
                    rebate._discount_invoiced(),
                    rebate.settled_amount,
                    line.order_id.state == "cancel",
                    rebate.currency_id.rounding,
                )
            elif move.reversal_move_ids.filtered(lambda m: m.state == "posted"):
                status = "cancel"  # given back whole by its reversal (account_move.py)
            elif move:
                status = move.state
            else:
                # Settled on an order whose discount line was deleted: paid nothing.
                status = "cancel" if rebate.state == "settled" else "none"
            rebate.settlement_status = status
            rebate.paid = rebate.settled_amount if status == "posted" else 0.0

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # Made by the accrual only (nobody has the right to create one): accrued and undecided,
        # whatever defaults the context or ir.default carry.
        for vals in vals_list:
            vals.update(
                state="accrued",
                first_approver_id=False,
                approved_by_id=False,
                approved_date=False,
                move_id=False,
                sale_line_id=False,
                settled_amount=0.0,
            )
        return super().create(vals_list)

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_export_statement_xlsx(self):
        """The rebate statement, a sheet per distributor: the selected entries, or the
        current search."""
        Export = self.env["distributor.rebate.export"]
        rebates = Export._xlsx_records_to_export(self)
        return Export.create({"rebate_ids": rebates.ids}).action_download()

    def action_approve(self):
        """Approve accrued entries; above the company's amount two Channel Managers decide
        one after the other. Nobody approves what they accrued."""
        self._check_manager()
        if self.filtered(lambda r: r.state != "accrued"):
            raise UserError(self.env._("Only an accrued rebate can be approved."))
        self._check_not_own_request()
        for rebate in self:
            # The period's whole rebate, not only what is left of it: paid in pieces, each
            # piece under the amount, it would never meet the second approver.
            if rebate._approval_first_of_two(
                abs(rebate.paid_before) + abs(rebate.amount),
                rebate.company_id.distributor_rebate_second_approval,
                self.env._("Channel Manager"),
            ):
                continue
            rebate.sudo().write(
                {
                    "state": APPROVED,
                    "approved_by_id": self.env.uid,
                    "approved_date": fields.Datetime.now(),
                }
            )
        return True

    def action_cancel(self):
        """Cancel entries not yet settled (the period is accrued again at the next run). A
        cancellation is a decision too: not by those who asked for the rebate (four eyes)."""
        self._check_manager()
        if self.filtered(lambda r: r.state not in REBATE_OPEN_STATES):
            raise UserError(self.env._("Only a rebate not yet settled can be cancelled."))
        self._check_not_own_request()
        self.sudo().write({"state": "cancelled"})
        return True

    def action_settle(self):
        """A draft credit note to the distributor for each approved rebate (an invoice for a
        claw-back), for accounting to post. sudo: a Channel Manager settles without being an
        invoicing user; posting, which lowers what the distributor owes, stays accounting's."""
        self._check_manager()
        if self.filtered(lambda r: r.state != APPROVED):
            raise UserError(self.env._("Only an approved rebate can be settled."))
        self._check_no_open_clawback()
        # Nothing from the caller's context: its defaults would post or redirect the document.
        Move = self.env(context=clean_context(self.env.context))["account.move"].sudo()
        for rebate in self:
            product = rebate.company_id._distributor_rebate_product()
            move = Move.with_company(rebate.company_id).create(
                {
                    "move_type": "out_refund" if rebate.amount > 0 else "out_invoice",
                    "partner_id": rebate.partner_id.id,
                    "company_id": rebate.company_id.id,
                    "invoice_origin": rebate.name,
                    "ref": rebate.name,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "name": rebate._settlement_label(),
                                "quantity": 1,
                                "price_unit": abs(rebate.amount),
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
            rebate.sudo().write(
                {"state": "settled", "move_id": move.id, "settled_amount": rebate.amount}
            )
            rebate.message_post(
                body=self.env._(
                    "Settled by %(move)s, to be posted by accounting.", move=move.display_name
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_settle_on_order(self, order):
        """Settle approved rebates as discount lines on ``order``, one of their distributor's
        quotations or open orders: the distributor is paid when that order's invoice is posted.
        Who settles must be a Channel Manager who may write the order; sudo then, so that no
        default of the caller's rights or context shapes the line."""
        self._check_manager()
        if self.filtered(lambda r: r.state != APPROVED):
            raise UserError(self.env._("Only an approved rebate can be settled."))
        if self.filtered(lambda r: r.amount <= 0):
            raise UserError(
                self.env._("A claw-back is owed by the distributor: settle it by an invoice.")
            )
        order.ensure_one()
        order.with_env(self.env).check_access("write")
        order = order.sudo()
        if (
            order.state not in ("draft", "sent", "sale")
            or order.locked
            or self.partner_id.commercial_partner_id
            != (order.partner_id | order.partner_invoice_id).commercial_partner_id
            or self.company_id != order.company_id
            or order.currency_id != self.currency_id
        ):
            raise UserError(
                self.env._(
                    "A rebate is settled on an open quotation or order of its distributor, in "
                    "the same company and currency: %(order)s is not one.",
                    order=order.display_name,
                )
            )
        total = sum(self.mapped("amount"))
        if (
            float_compare(
                order.amount_untaxed, total, precision_rounding=order.currency_id.rounding
            )
            < 0
        ):
            raise UserError(
                self.env._(
                    "%(order)s comes to %(untaxed)s before taxes, less than the %(rebate)s to "
                    "settle: choose a larger order or settle by a credit note.",
                    order=order.display_name,
                    untaxed=order.currency_id.format(order.amount_untaxed),
                    rebate=order.currency_id.format(total),
                )
            )
        self._check_no_open_clawback()
        Line = self.env(context=clean_context(self.env.context))["sale.order.line"].sudo()
        for rebate in self:
            product = rebate.company_id._distributor_rebate_product()
            line = Line.create(
                {
                    "order_id": order.id,
                    "product_id": product.id,
                    "name": rebate._settlement_label(),
                    "product_uom_qty": 1,
                    "price_unit": -rebate.amount,
                    "discount": 0.0,
                    "tax_id": [Command.clear()],
                }
            )
            rebate.sudo().write(
                {"state": "settled", "sale_line_id": line.id, "settled_amount": rebate.amount}
            )
            rebate.message_post(
                body=self.env._(
                    "Settled as a discount on %(order)s: paid when its invoice is posted.",
                    order=order.display_name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _check_settlement_moves(self, moves):
        """Refuse, among ``moves``, a posted settlement whose kind, distributor, currency, total
        or lines (the rebate product alone, untaxed) differ from what the rebate made, and a
        reversal that does not give all of it back, gives it back twice or outlives it."""
        products = self.env["res.company"]._distributor_rebate_products() if self else None
        for rebate in self:
            currency = rebate.currency_id
            kind = "out_refund" if rebate.settled_amount > 0 else "out_invoice"
            settlement = rebate.move_id
            reversals = settlement.reversal_move_ids.filtered(lambda m: m.state == "posted")
            posted = (settlement.filtered(lambda m: m.state == "posted") | reversals) & moves
            for move in posted:
                lines = move.invoice_line_ids.filtered(lambda line: line.display_type == "product")
                if (
                    (move.move_type == kind) == (move != settlement)
                    or move.commercial_partner_id != rebate.partner_id.commercial_partner_id
                    or move.currency_id != currency
                    or currency.compare_amounts(move.amount_total, abs(rebate.settled_amount))
                    or len(lines) != 1
                    or lines.product_id not in products
                    or lines.tax_ids
                ):
                    rebate._refuse_settlement_move(move)
            # Given back once at most, and only while it stands posted.
            if len(reversals) > (1 if settlement.state == "posted" else 0):
                rebate._refuse_settlement_move(settlement)

    def _refuse_settlement_move(self, move):
        raise UserError(
            self.env._(
                "%(move)s settles the rebate %(rebate)s: %(amount)s to %(partner)s. Post it as "
                "it was made and give it back whole, once, by a reversal; or cancel it (the "
                "next accrual owes the rebate again).",
                move=move.display_name,
                rebate=self.name,
                amount=self.currency_id.format(abs(self.settled_amount)),
                partner=self.partner_id.display_name,
            )
        )

    def _check_discount_invoices(self, posting):
        """Refuse posted lines linked to these rebates' discount lines unless each is a line of
        a customer document of the distributor taking the whole rebate off (or giving it back),
        untaxed, in its currency, with the discount's product, and all of them together pay it
        once or not at all; refuse taking it off anew, in the moves being ``posting``, once its
        order is cancelled (the rebate was owed again then)."""
        for rebate in self:
            currency = rebate.currency_id
            line = rebate.sale_line_id
            invoiced = line.invoice_lines.filtered(lambda aml: aml.parent_state == "posted")
            total = rebate._discount_invoiced()
            if (
                any(
                    aml.move_id.move_type not in ("out_invoice", "out_refund")
                    or aml.product_id != line.product_id
                    or aml.tax_ids
                    or aml.currency_id != currency
                    or aml.move_id.commercial_partner_id != rebate.partner_id.commercial_partner_id
                    or currency.compare_amounts(abs(aml.balance), rebate.settled_amount)
                    for aml in invoiced
                )
                or (
                    currency.compare_amounts(total, 0.0)
                    and currency.compare_amounts(total, rebate.settled_amount)
                )
                or (
                    line.order_id.state == "cancel"
                    and any(
                        aml.move_id in posting and currency.compare_amounts(aml.balance, 0.0) > 0
                        for aml in invoiced
                    )
                )
            ):
                raise UserError(
                    self.env._(
                        "%(order)s's discount settles the rebate %(rebate)s: %(amount)s off for "
                        "%(partner)s, invoiced once, as it was made, while the order stands. "
                        "Invoice it so, or remove the line from the invoice.",
                        order=line.order_id.display_name,
                        rebate=rebate.name,
                        amount=currency.format(rebate.settled_amount),
                        partner=rebate.partner_id.display_name,
                    )
                )

    def _discount_invoiced(self):
        """What the posted invoices of the discount line took off what the distributor owes
        (a credit note reversing one gives it back), in the company's currency."""
        self.ensure_one()
        lines = self.sudo().sale_line_id.invoice_lines
        return sum(lines.filtered(lambda line: line.parent_state == "posted").mapped("balance"))

    def _approval_requesters(self):
        # Who accrued it, and who runs or signed the distributor's agreement: none of them
        # approves its rebates.
        self.ensure_one()
        agreement = self.agreement_id.sudo()
        return (
            self.accrued_by_id
            | agreement.user_id
            | agreement.create_uid
            | agreement.submitted_by_id
        )

    def _check_no_open_clawback(self):
        """A distributor that owes a claw-back is paid no rebate before it is settled: the
        claw-back is settled first (or with it), never left behind."""
        paying = self.filtered(lambda r: r.amount > 0)
        owed = (
            self.sudo()
            .search(
                [
                    ("partner_id", "in", paying.partner_id.ids),
                    ("state", "in", REBATE_OPEN_STATES),
                    ("amount", "<", 0),
                    ("id", "not in", self.ids),
                ]
            )
            .filtered(
                lambda r: (r.partner_id, r.company_id)
                in {(p.partner_id, p.company_id) for p in paying}
            )
        )
        if owed:
            raise UserError(
                self.env._(
                    "%(distributor)s owes the claw-back %(clawback)s: approve and settle it first "
                    "(or with this rebate).",
                    distributor=owed[0].partner_id.display_name,
                    clawback=owed[0].name,
                )
            )

    def _check_manager(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(self.env._("Only a Channel Manager decides and settles rebates."))
        self.check_access("read")

    def _settlement_label(self):
        """The credit note's line, in the distributor's language: the document is theirs."""
        self.ensure_one()
        env = self.with_context(lang=self.partner_id.lang or self.env.lang).env
        values = {"name": self.name, "start": self.date_from, "end": self.date_to}
        if self.amount > 0:
            return env._("Rebate (返利) %(name)s: %(start)s to %(end)s", **values)
        return env._("Rebate claw-back %(name)s: %(start)s to %(end)s", **values)

    @api.model
    def _accrue(self, targets):
        """Accrue the rebates of ``targets`` (their periods ended): for each, what its net
        collected money earns at the rate its attainment reaches, less what its settlements
        already paid. An open accrued entry is brought up to date (cancelled when nothing is
        due any more); a period with an approved entry waits until it is settled. Returns the
        entries made or updated."""
        # Nothing from the caller's context: its defaults would approve or settle the entries.
        rebates = self.env(context=clean_context(self.env.context))[self._name].sudo()
        tiers = (
            self.env["distributor.rebate.tier"]
            .sudo()
            .search([("agreement_id", "in", targets.agreement_id.ids)])
        )
        schemes = tiers._by_agreement()
        # Ids, not records: a record looked for in tens of thousands is a scan each time.
        paying = set(targets.agreement_id.sudo()._pays_rebates().ids)
        targets = targets.sudo().filtered(
            lambda t: t.agreement_id.state in REBATE_AGREEMENT_STATES
            and t.agreement_id.id in paying
            # A period that began after the agreement was terminated earns nothing.
            and not (
                t.agreement_id.terminated_date and t.date_from > t.agreement_id.terminated_date
            )
        )
        if not targets:
            return rebates
        # One accrual of a target at a time (the nightly job and a manager's button): the later
        # waits, then sees the entries the first made. The rows locked are read as plain
        # figures: a quarter's end accrues tens of thousands of targets.
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT t.id, t.amount::float8 AS amount, t.date_from, t.date_to,
                       t.product_line_id, t.company_id, a.id AS agreement_id, a.partner_id,
                       a.user_id, a.rebate_on_time_rate, a.rebate_reporting_rate
                  FROM distributor_agreement_target t
                  JOIN distributor_agreement a ON a.id = t.agreement_id
                 WHERE t.id IN %s
                   FOR UPDATE OF t
                """,
                tuple(targets.ids),
            )
        )
        rows = {row["id"]: row for row in self.env.cr.dictfetchall()}
        entries = rebates.search([("target_id", "in", targets.ids)])
        by_target = {}
        for entry in entries:
            by_target.setdefault(entry.target_id.id, []).append(entry.id)
        figures = targets._sell_in_and_collected()
        # The company's currency (the target's, through its agreement), read once per company.
        currencies = {company.id: company.currency_id for company in targets.company_id}
        extras = targets._rebate_extras()
        today = fields.Date.context_today(self)
        touched, new = rebates, []
        for target_id in targets.ids:  # in the targets' order: the references follow it
            row = rows[target_id]
            currency = currencies[row["company_id"]]
            _sold, collected, refunded = figures[target_id]
            base = rules.rebate_base(collected, refunded)
            attainment = rules.attainment(base, row["amount"])
            paid_on_time, reported = extras[target_id]
            extra = rules.extra_rebate_rate(
                row["rebate_on_time_rate"] or 0.0,
                row["rebate_reporting_rate"] or 0.0,
                paid_on_time,
                reported,
            )
            scheme = tiers._scheme_for(schemes.get(row["agreement_id"], {}), row["product_line_id"])
            rate = rules.rebate_rate(attainment, scheme) + extra
            earned = rules.rebate_earned(base, rate, currency.decimal_places)
            # Most targets of a quarter's end have no entry yet: nothing to look through.
            mine = entries.browse(by_target.get(target_id, ()))
            settled = mine and mine.filtered(lambda r: r.state == "settled")
            if settled and settled.filtered(
                lambda r: r.settlement_status in ("draft", "to_invoice")
            ):
                continue  # a settlement on its way: the next run counts what it paid
            waiting = mine and mine.filtered(lambda r: r.state in REBATE_OPEN_STATES)
            if waiting and waiting.filtered(lambda r: r.state == APPROVED):
                continue  # decided on the figures it has: settled first
            paid_before = sum(settled.mapped("paid")) if settled else 0.0
            due = rules.rebate_due(earned, paid_before, currency.rounding)
            vals = {
                "accrual_date": today,
                "target_amount": row["amount"],
                "base": base,
                "attainment": attainment,
                "rate": rate,
                "extra_rate": extra,
                "paid_on_time_extra": paid_on_time,
                "reported_extra": reported,
                "earned": earned,
                "paid_before": paid_before,
                "amount": due,
                "first_approver_id": False,
            }
            if not self.env.su:
                vals["accrued_by_id"] = self.env.uid
            waiting = waiting[:1]
            if waiting:
                if not due:
                    vals["state"] = "cancelled"
                # Unchanged figures stay as they were, with their first approval.
                if waiting.amount != due or waiting.base != base or not due:
                    waiting.write(vals)
                    touched |= waiting
            elif due:
                new.append(
                    {
                        **vals,
                        "target_id": target_id,
                        "agreement_id": row["agreement_id"],
                        "partner_id": row["partner_id"],
                        "user_id": row["user_id"],
                        "date_from": row["date_from"],
                        "date_to": row["date_to"],
                        "company_id": row["company_id"],
                        "currency_id": currency.id,
                    }
                )
        return touched | self._insert_entries(new, today)

    @api.model
    def _insert_entries(self, rows, today):
        """Make the new entries of an accrual: a quarter's end makes one per target, tens of
        thousands, so in SQL (b2b_base.bulk) with their references drawn per company at once.
        Each entry is accrued and undecided, as create() makes one; its chatter starts with its
        figures, not with a "created" note."""
        if not rows:
            return self.browse()
        by_company = {}
        for row in rows:
            by_company.setdefault(row["company_id"], []).append(row)
        for company_id, company_rows in by_company.items():
            company = self.env["res.company"].browse(company_id)
            names = self._next_references(company, today, len(company_rows))
            for row, name in zip(company_rows, names, strict=True):
                row["name"] = name
        now = fields.Datetime.now()
        accrued_by = {"accrued_by_id": "int"} if "accrued_by_id" in rows[0] else {}
        created = bulk.insert(
            self,
            {
                "name": "text",
                "target_id": "int",
                "agreement_id": "int",
                "partner_id": "int",
                "user_id": "int",
                "date_from": "date",
                "date_to": "date",
                "company_id": "int",
                "currency_id": "int",
                "accrual_date": "date",
                "target_amount": "numeric",
                "base": "numeric",
                "attainment": "float8",
                "rate": "float8",
                "extra_rate": "float8",
                "paid_on_time_extra": "bool",
                "reported_extra": "bool",
                "earned": "numeric",
                "paid_before": "numeric",
                "amount": "numeric",
                **accrued_by,
            },
            rows,
            constants={
                "state": "accrued",
                "settled_amount": 0.0,
                "create_uid": self.env.uid,
                "write_uid": self.env.uid,
                "create_date": now,
                "write_date": now,
            },
            returning=["id"],
        )
        return self.browse([row[0] for row in created])

    @api.model
    def _next_references(self, company, day, count):
        """``count`` next references of the company's rebate sequence (or of its year's range):
        next_by_code would look for the sequence, and draw and format a number, for each of a
        quarter's thousands of entries."""
        sequence = (
            self.env["ir.sequence"]
            .sudo()
            .search(
                [
                    ("code", "=", "distributor.rebate"),
                    ("company_id", "in", [company.id, False]),
                ],
                order="company_id",
                limit=1,
            )
        )
        if not sequence:
            return ["/"] * count
        numbering, pg_sequence = sequence, "ir_sequence_%03d" % sequence.id
        if sequence.use_date_range:
            ranges = self.env["ir.sequence.date_range"].sudo()
            numbering = ranges.search(
                [
                    ("sequence_id", "=", sequence.id),
                    ("date_from", "<=", day),
                    ("date_to", ">=", day),
                ],
                limit=1,
            ) or sequence._create_date_range_seq(day)
            pg_sequence = "ir_sequence_%03d_%03d" % (sequence.id, numbering.id)
            numbering = numbering.with_context(ir_sequence_date_range=numbering.date_from)
            sequence = sequence.with_context(ir_sequence_date_range=numbering.date_from)
        if sequence.implementation != "standard":
            return [numbering._next() for _i in range(count)]
        # A standard sequence draws from its PostgreSQL sequence (named as ir.sequence names
        # it): all the numbers in one statement, the prefix and suffix formatted once.
        self.env.cr.execute(
            SQL("SELECT nextval(%s) FROM generate_series(1, %s)", pg_sequence, count)
        )
        prefix, suffix = sequence._get_prefix_suffix()
        return [
            f"{prefix}{number:0{sequence.padding}d}{suffix}" for (number,) in self.env.cr.fetchall()
        ]

    @api.model
    def _cron_accrue_rebates(self):
        """Nightly: the rebates of every target whose period ended before its company's today,
        one company at a time (late money and refunds of ended periods are counted again)."""
        companies = self.env["res.company"].sudo().search([])
        results = jobs.each_company(
            companies,
            lambda company: len(clock.company_env(self, company)._accrue_company(company)),
            "Rebate accrual",
            progress=True,
        )
        return sum(results)

    @api.model
    def _accrue_company(self, company):
        today = fields.Date.context_today(self)
        targets = (
            self.env["distributor.agreement.target"]
            .sudo()
            .search(
                [
                    ("company_id", "=", company.id),
                    ("date_to", "<", today),
                    ("agreement_id.state", "in", REBATE_AGREEMENT_STATES),
                ]
            )
        )
        return self._accrue(targets)

"""The rebate statement (返利对账单): one sheet per distributor, ready to send to them for
confirmation: what each period earned on collected money, what was already paid, what is
left to settle."""

from collections import defaultdict

from odoo.addons.b2b_xlsx.workbook import Column, Workbook, day_text, selection_labels

# Cancelled entries earn and owe nothing: a statement the distributor signs leaves them out.
STATEMENT_STATES = ("accrued", "approved", "settled")


def build_rebate_statement(rebates, company):
    """XLSX bytes for ``rebates``: a sheet per company and distributor (its commercial
    entity), each in its company's name and currency and in the distributor's language (it
    signs the sheet); ``company`` titles an empty file."""
    env = rebates.env
    book = Workbook(env, company)
    rebates = rebates.filtered(lambda rebate: rebate.state in STATEMENT_STATES)
    by_sheet = defaultdict(lambda: env["distributor.rebate"])
    for rebate in rebates:
        by_sheet[rebate.company_id, rebate.partner_id.commercial_partner_id] |= rebate
    if not by_sheet:
        book.sheet(env._("Rebate Statement"), env._("Rebate Statement"), env._("No rebates"))
    for (sheet_company, partner), entries in sorted(
        by_sheet.items(), key=lambda item: (item[0][0].name, item[0][1].display_name)
    ):
        # Each statement is its company's, titled with its name and in its currency.
        book.company = sheet_company
        book.env = env(context=dict(env.context, lang=partner.lang or env.lang))
        entries = entries.with_env(book.env).sorted(lambda r: (r.date_from, r.id))
        _write_statement(book, partner, entries, book.env)
    book.env = env
    return book.close()


def _write_statement(book, partner, rebates, env):
    states = selection_labels(rebates, "state")
    settlements = selection_labels(rebates, "settlement_status")
    every_line = env._("All product lines")
    period = env._(
        "%(start)s – %(end)s",
        start=day_text(min(rebates.mapped("date_from"))),
        end=day_text(max(rebates.mapped("date_to"))),
    )
    sheet = book.sheet(
        partner.display_name,
        env._("Rebate Statement"),
        " · ".join([partner.display_name, period]),
        pages_wide=1,
    )
    # A period accrued twice shows in two entries (the second one netting what the first paid):
    # only what each entry settles adds up; earned and paid before do not.
    to_settle = sum(rebates.filtered(lambda r: r.state != "settled").mapped("amount"))
    # Settled by a credit note not yet posted or a discount on an order not yet invoiced: the
    # distributor sees where the rest of the total is.
    on_its_way = sum(
        rebates.filtered(
            lambda r: r.state == "settled" and r.settlement_status in ("draft", "to_invoice")
        ).mapped("amount")
    )
    sheet.labelled(
        [
            (env._("Period"), period),
            (book.money_title(env._("Paid")), sum(rebates.mapped("paid")), "money"),
            (book.money_title(env._("Settled, Not Yet Paid")), on_its_way, "money"),
            (book.money_title(env._("Left to Settle")), to_settle, "money"),
        ]
    )
    sheet.table(
        [
            Column(env._("Reference"), 20, "text", lambda r: r.name),
            Column(env._("Agreement"), 14, "text", lambda r: r.agreement_id.name),
            Column(
                env._("Product Line"), 16, "wrap", lambda r: r.product_line_id.name or every_line
            ),
            Column(env._("From"), 11, "date", lambda r: r.date_from),
            Column(env._("To"), 11, "date", lambda r: r.date_to),
            Column(env._("Target"), 14, "money", lambda r: r.target_amount, summed=False),
            Column(env._("Net Collected"), 14, "money", lambda r: r.base, summed=False),
            Column(env._("Attainment"), 10, "pct", lambda r: r.attainment, summed=False),
            Column(env._("Rebate Rate"), 9, "pct", lambda r: r.rate / 100.0, summed=False),
            Column(
                env._("Of Which Extras"), 12, "pct", lambda r: r.extra_rate / 100.0, summed=False
            ),
            Column(env._("Earned"), 13, "money", lambda r: r.earned, summed=False),
            Column(env._("Already Paid"), 13, "money", lambda r: r.paid_before, summed=False),
            Column(env._("Entry Amount"), 13, "money", lambda r: r.amount),
            Column(env._("Status"), 10, "text", lambda r: states.get(r.state, "")),
            Column(
                env._("Settlement"), 10, "text", lambda r: settlements.get(r.settlement_status, "")
            ),
        ],
        rebates,
        totals=env._("Total"),
        freeze_cols=0,
    )
    sheet.row += 1
    for label in (
        env._("Confirmed by the distributor (signature and stamp):"),
        env._("Date:"),
    ):
        sheet.write_row([label + " " + "_" * 24])
        sheet.row += 1

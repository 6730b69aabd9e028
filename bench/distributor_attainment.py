"""Distributor attainment benchmark (issue #23), seeded by SQL in a throwaway database: 10,000
distributors, each with an agreement in force for the year split into four quarterly targets
(40,000 targets), 200,000 posted invoices of theirs, half of them paid by payments matched to
them. Times the sell-in, collected money and attainment of every target (what a nightly or an
export reads, one query for the set), of one list page, and the rebate accrual of every target,
against two plain SQL passes: the money alone (collected per distributor and quarter), and the
rows the figures read (each target's invoices, their untaxed sales and the money matched to
them in its period). Target: at most 5x, under 60 s."""

from datetime import date

from odoo_env import seed_companies
from scaffold import Bench, sql_seconds

BASELINE = """
    SELECT inv.commercial_partner_id, date_trunc('quarter', pr.max_date), SUM(pr.amount)
      FROM account_partial_reconcile pr
      JOIN account_move_line dl ON dl.id = pr.debit_move_id
      JOIN account_move inv ON inv.id = dl.move_id
     WHERE inv.move_type = 'out_invoice' AND inv.state = 'posted'
       AND pr.max_date BETWEEN %s AND %s
  GROUP BY 1, 2
"""

# What the attainment reads, without its rules (product lines, refunds, shares of documents):
# for each target of the period, its distributor's posted invoices, their untaxed sales in its
# period and the money matched to them in its period.
ROWS_BASELINE = """
    WITH inv AS (
        SELECT m.id, m.commercial_partner_id AS partner, m.invoice_date,
               SUM(-l.balance) AS untaxed
          FROM account_move m
          JOIN account_move_line l ON l.move_id = m.id AND l.display_type = 'product'
         WHERE m.move_type = 'out_invoice' AND m.state = 'posted'
      GROUP BY m.id
    ), paid AS (
        SELECT dl.move_id, pr.max_date AS day, SUM(pr.amount) AS amount
          FROM account_partial_reconcile pr
          JOIN account_move_line dl ON dl.id = pr.debit_move_id
      GROUP BY 1, 2
    )
    SELECT t.id,
           SUM(inv.untaxed) FILTER (WHERE inv.invoice_date BETWEEN t.date_from AND t.date_to),
           SUM(paid.amount) FILTER (WHERE paid.day BETWEEN t.date_from AND t.date_to)
      FROM distributor_agreement_target t
      JOIN distributor_agreement a ON a.id = t.agreement_id
      JOIN inv ON inv.partner = a.partner_id
 LEFT JOIN paid ON paid.move_id = inv.id
     WHERE t.date_from >= %s AND t.date_to <= %s
  GROUP BY t.id
"""


def seed(env, distributors, invoices):
    cr = env.cr
    company = env.ref("base.main_company")
    year = date.today().year
    journal = env["account.journal"].search(
        [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
    )
    bank = env["account.journal"].search(
        [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
    )
    receivable = env["account.account"].search(
        [("account_type", "=", "asset_receivable"), ("company_ids", "in", company.id)], limit=1
    )
    product = env["product.product"].create({"name": "Valve", "taxes_id": False})
    line = env["distributor.product.line"].create(
        {"name": "Valves", "category_ids": [(6, 0, product.categ_id.ids)]}
    )
    params = {
        "company": company.id,
        "currency": company.currency_id.id,
        "journal": journal.id,
        "bank": bank.id,
        "account": receivable.id,
        "product": product.id,
        "line": line.id,
        "start": date(year, 1, 1),
        "end": date(year, 12, 31),
        "count": invoices,
    }
    ids = seed_companies(cr, distributors, "Distributor")
    params.update(ids=ids, n=len(ids))
    # An agreement in force for the year per distributor, for the one product line, and its
    # four quarterly targets.
    cr.execute(
        """
        WITH a AS (
            INSERT INTO distributor_agreement (name, partner_id, company_id, date_start,
                   date_end, state, target_split, create_date, write_date)
            SELECT 'DA/' || pid, pid, %(company)s, %(start)s, %(end)s, 'approved', 'quarter',
                   now(), now()
              FROM unnest(%(ids)s::int[]) pid
         RETURNING id, partner_id
        ), rel AS (
            INSERT INTO distributor_agreement_distributor_product_line_rel
                   (distributor_agreement_id, distributor_product_line_id)
            SELECT id, %(line)s FROM a
        )
        INSERT INTO distributor_agreement_target (agreement_id, company_id, partner_id, state,
               date_from, date_to, amount, create_date, write_date)
        SELECT a.id, %(company)s, a.partner_id, 'approved',
               (%(start)s::date + (q * interval '3 months'))::date,
               (%(start)s::date + ((q + 1) * interval '3 months') - interval '1 day')::date,
               25000, now(), now()
          FROM a, generate_series(0, 3) q
        """,
        params,
    )
    # Each invoice: its move, its product line and its receivable line.
    cr.execute(
        """
        CREATE TEMP TABLE bench_invoice AS
        SELECT g, (%(ids)s::int[])[1 + (g %% %(n)s)] AS pid,
               (%(start)s::date + (g %% 360))::date AS day, (100 + g %% 900)::numeric AS amount
          FROM generate_series(1, %(count)s) g;
        ALTER TABLE bench_invoice ADD COLUMN move_id int, ADD COLUMN receivable_id int;
        WITH m AS (
            INSERT INTO account_move (move_type, state, date, invoice_date, journal_id,
                   currency_id, company_id, partner_id, commercial_partner_id, auto_post,
                   amount_total, amount_total_signed, name, create_date, write_date)
            SELECT 'out_invoice', 'posted', day, day, %(journal)s, %(currency)s, %(company)s,
                   pid, pid, 'no', amount, amount, 'BENCH/' || g, now(), now()
              FROM bench_invoice
         RETURNING id, name
        )
        UPDATE bench_invoice b SET move_id = m.id FROM m WHERE m.name = 'BENCH/' || b.g;
        INSERT INTO account_move_line (move_id, partner_id, account_id, company_id, currency_id,
               display_type, parent_state, date, product_id, balance, debit, credit,
               price_total, price_subtotal, create_date, write_date)
        SELECT move_id, pid, %(account)s, %(company)s, %(currency)s, 'product', 'posted', day,
               %(product)s, -amount, 0, amount, amount, amount, now(), now()
          FROM bench_invoice;
        WITH l AS (
            INSERT INTO account_move_line (move_id, partner_id, account_id, company_id,
                   currency_id, display_type, parent_state, date, date_maturity, balance, debit,
                   credit, amount_residual, reconciled, create_date, write_date)
            SELECT move_id, pid, %(account)s, %(company)s, %(currency)s, 'payment_term',
                   'posted', day, day + 60, amount, amount, 0, amount, false, now(), now()
              FROM bench_invoice
         RETURNING id, move_id
        )
        UPDATE bench_invoice b SET receivable_id = l.id FROM l WHERE l.move_id = b.move_id;
        """,
        params,
    )
    # Every second invoice paid in full 20 days later: a payment, its entry, the entry's line
    # and the matching.
    cr.execute(
        """
        CREATE TEMP TABLE bench_payment AS
        SELECT g, pid, receivable_id, amount, (day + 20)::date AS day
          FROM bench_invoice WHERE g %% 2 = 0;
        ALTER TABLE bench_payment ADD COLUMN payment_id int, ADD COLUMN move_id int,
              ADD COLUMN line_id int;
        WITH p AS (
            INSERT INTO account_payment (name, company_id, date, journal_id, partner_id,
                   partner_type, payment_type, state, amount, currency_id, create_date,
                   write_date)
            SELECT 'BPAY/' || g, %(company)s, day, %(bank)s, pid, 'customer', 'inbound', 'paid',
                   amount, %(currency)s, now(), now()
              FROM bench_payment
         RETURNING id, name
        )
        UPDATE bench_payment b SET payment_id = p.id FROM p WHERE p.name = 'BPAY/' || b.g;
        WITH m AS (
            INSERT INTO account_move (move_type, state, date, journal_id, currency_id,
                   company_id, partner_id, auto_post, origin_payment_id, name, create_date,
                   write_date)
            SELECT 'entry', 'posted', day, %(bank)s, %(currency)s, %(company)s, pid, 'no',
                   payment_id, 'BPAYM/' || g, now(), now()
              FROM bench_payment
         RETURNING id, origin_payment_id
        )
        UPDATE bench_payment b SET move_id = m.id FROM m WHERE m.origin_payment_id = b.payment_id;
        UPDATE account_payment p SET move_id = b.move_id FROM bench_payment b
         WHERE p.id = b.payment_id;
        WITH l AS (
            INSERT INTO account_move_line (move_id, partner_id, account_id, company_id,
                   currency_id, display_type, parent_state, date, balance, debit, credit,
                   create_date, write_date)
            SELECT move_id, pid, %(account)s, %(company)s, %(currency)s, 'payment_term',
                   'posted', day, -amount, 0, amount, now(), now()
              FROM bench_payment
         RETURNING id, move_id
        )
        UPDATE bench_payment b SET line_id = l.id FROM l WHERE l.move_id = b.move_id;
        INSERT INTO account_partial_reconcile (debit_move_id, credit_move_id, amount,
               debit_amount_currency, credit_amount_currency, company_id, max_date,
               create_date, write_date)
        SELECT receivable_id, line_id, amount, amount, amount, %(company)s, day, now(), now()
          FROM bench_payment;
        ANALYZE;
        """,
        params,
    )
    cr.commit()
    return params


def main():
    bench = Bench(__doc__, "distributor_management", distributors=10_000, invoices=200_000)
    args = bench.args
    with bench.env() as env:
        with bench.seed():
            params = seed(env, args.distributors, args.invoices)
        sql = sql_seconds(env.cr, BASELINE, [params["start"], params["end"]])
        bench.baseline("sql", "plain SQL pass: collected money per distributor and quarter", sql)
        bench.baseline(
            "rows",
            "plain SQL pass: each target's invoices and their matched money",
            sql_seconds(env.cr, ROWS_BASELINE, [params["start"], params["end"]]),
        )
        Target = env["distributor.agreement.target"]
        targets = Target.search([])
        assert len(targets) == 4 * args.distributors, len(targets)
        with bench.timed(
            "all",
            "sell-in, collected and attainment of every target",
            vs=("sql", "rows"),
            target="< 60 s, <= 5x",
        ):
            figures = targets._sell_in_and_collected()
        page = Target.search([], limit=80)
        with bench.timed("page", "the same for one list page (80 targets)"):
            page.invalidate_recordset()
            page.mapped("attainment")
        # The rebate accrual of every target at once (the night after the year ends): a scheme
        # of two tiers on every agreement, then the ledger's entries made.
        env.cr.execute(
            """
            INSERT INTO distributor_rebate_tier (agreement_id, company_id, attainment_from,
                   rate, create_date, write_date)
            SELECT id, company_id, t.a, t.r, now(), now()
              FROM distributor_agreement, (VALUES (0, 1.0), (100, 2.0)) t(a, r)
            """
        )
        env.invalidate_all()
        with bench.timed(
            "accrue",
            "accruing the rebates of every target",
            vs=("sql", "rows"),
            target="< 60 s, <= 5x",
        ):
            rebates = env["distributor.rebate"]._accrue(targets)
        collected = sum(c for _s, c, _r in figures.values())
        env.cr.execute(
            "SELECT SUM(amount) FROM account_partial_reconcile WHERE max_date BETWEEN %s AND %s",
            [params["start"], params["end"]],
        )
        expected = float(env.cr.fetchone()[0] or 0)
        assert abs(collected - expected) < 0.01 * len(figures), (collected, expected)
    bench.report(
        f"targets: {len(targets):,}   rebates accrued: {len(rebates):,}   "
        f"collected in the year: {collected:,.0f} "
        f"(the plain pass: {expected:,.0f})"
    )


if __name__ == "__main__":
    main()

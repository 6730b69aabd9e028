"""Sell-through and stock import benchmark (issue #23), in a throwaway database: a distributor's
spreadsheet of 100,000 lines (1,000 products by internal reference), imported into its report
through the import wizard, as CSV and as XLSX (every row checked, the lines written in bulk),
against one plain SQL pass inserting the same rows. Target: under 60 s."""

import base64
import io
from datetime import date

import xlsxwriter
from scaffold import Bench, median_seconds

BASELINE = """
    INSERT INTO distributor_stock_report_line (report_id, company_id, product_id, qty_sold,
           qty_stock, create_date, write_date)
    SELECT %s, %s, (%s::int[])[1 + g %% 1000], g %% 97, g %% 89, now(), now()
      FROM generate_series(1, %s) g
"""


def files(codes, count):
    rows = [(codes[g % len(codes)], g % 97, g % 89) for g in range(count)]
    text = "Product,Sold,Stock\n" + "\n".join(f"{c},{s},{k}" for c, s, k in rows)
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True, "constant_memory": True})
    sheet = book.add_worksheet()
    for col, header in enumerate(("Product", "Sold", "Stock")):
        sheet.write(0, col, header)
    for number, row in enumerate(rows, start=1):
        sheet.write_row(number, 0, row)
    book.close()
    return base64.b64encode(text.encode()), base64.b64encode(output.getvalue())


def main():
    bench = Bench(__doc__, "distributor_management", lines=100_000)
    count = bench.args.lines
    with bench.env() as env:
        with bench.seed():
            company = env.ref("base.main_company")
            products = env["product.product"].create(
                [{"name": f"Valve {n}", "default_code": f"V-{n:04d}"} for n in range(1_000)]
            )
            partner = env["res.partner"].create({"name": "Distributor", "is_company": True})
            Report = env["distributor.stock.report"]
            report = Report.create(
                {
                    "partner_id": partner.id,
                    "date_from": date(2026, 6, 1),
                    "date_to": date(2026, 6, 30),
                }
            )
            scratch = Report.create(
                {
                    "partner_id": partner.id,
                    "date_from": date(2026, 5, 1),
                    "date_to": date(2026, 5, 31),
                }
            )
            csv_file, xlsx_file = files(products.mapped("default_code"), count)
            env.cr.commit()

        def insert():
            with env.cr.savepoint(flush=False) as savepoint:
                env.cr.execute(BASELINE, [scratch.id, company.id, products.ids, count])
                savepoint.rollback()

        sql = median_seconds(insert, 3, 1)
        bench.baseline("sql", "plain SQL pass: insert the same rows", sql)
        Import = env["distributor.stock.import"].with_context(default_report_id=report.id)
        with bench.timed("csv", "importing the CSV file (checked, then written)", target="< 60 s"):
            Import.create({"file": csv_file, "filename": "stock.csv"}).action_import()
        assert len(report.line_ids) == count, len(report.line_ids)
        with bench.timed("xlsx", "importing the XLSX file, replacing the lines", target="< 60 s"):
            Import.create({"file": xlsx_file, "filename": "stock.xlsx"}).action_import()
        report.invalidate_recordset()
        assert len(report.line_ids) == count, len(report.line_ids)
        overstocked = len(report.line_ids.filtered("overstock"))
    bench.report(f"lines: {count:,}   overstocked: {overstocked:,}")


if __name__ == "__main__":
    main()

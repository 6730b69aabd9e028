{
    "name": "B2B XLSX Workbooks",
    "summary": "Workbooks a manager sends without touching: title line, totals, wrapped rows, "
    "frozen headers, autofilters and an A4 print setup",
    "version": "18.0.1.4.0",
    "category": "Hidden/Tools",
    "author": "Kaizen B2B Apps",
    "license": "LGPL-3",
    "depends": ["base", "b2b_base"],
    "external_dependencies": {"python": ["xlsxwriter", "openpyxl"]},
}

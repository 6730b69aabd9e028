from . import test_workbook

from . import b2b_xlsx_export_mixin

from . import b2b_xlsx_export_mixin
from . import b2b_xlsx_import_mixin

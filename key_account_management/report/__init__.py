from . import kam_register_xlsx

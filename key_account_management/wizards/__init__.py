from . import kam_register_export

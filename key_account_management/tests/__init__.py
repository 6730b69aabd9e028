from . import test_kam_access, test_register_xlsx, test_rules, test_security, test_tiering

from . import test_security
from . import test_rules
from . import test_tiering
from . import test_kam_access
from . import test_register_xlsx
from . import test_deal_coverage
from . import test_ui
from . import test_visit

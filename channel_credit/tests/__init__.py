from . import test_security
from . import test_rules
from . import test_exposure
from . import test_gate
from . import test_lifecycle
from . import test_concurrency
from . import test_ui

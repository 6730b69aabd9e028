from . import test_rules
from . import test_agreement
from . import test_exclusivity
from . import test_doors_agreement
from . import test_attainment
from . import test_violation
from . import test_ui
from . import test_rebate

from . import test_bulk
from . import test_clock
from . import test_guards
from . import test_jobs

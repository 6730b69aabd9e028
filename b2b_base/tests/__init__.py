from . import test_guards

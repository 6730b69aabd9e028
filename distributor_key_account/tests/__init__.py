from . import test_visits

from . import test_migrations
from . import test_recruitment

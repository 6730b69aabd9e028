"""What pytest needs for every test of the repository, whichever files it is given.

Slow tests carry the ``slow`` marker, so ``-m "not slow"`` (./scripts/test-fast) leaves them
out: the browser ones (every ``HttpCase``: the tours and the click-everywhere robot), the fresh
installs of tests/test_install.py and the wheel build. A hook marks them, rather than decorators
on Odoo's unittest classes: a new tour is slow without anyone remembering to say so."""

import pytest

SLOW_MODULES = {"test_install.py"}  # real Odoo processes on throwaway databases
SLOW_TESTS = {"test_wheel_contains_both_addons_and_their_data"}  # pip builds the wheel


@pytest.hookimpl(tryfirst=True)  # before -m reads the marks
def pytest_collection_modifyitems(config, items):
    for item in items:
        cls = getattr(item, "cls", None)
        in_browser = cls is not None and any(
            base.__name__ == "HttpCase" and base.__module__ == "odoo.tests.common"
            for base in cls.__mro__
        )
        named = item.path.name in SLOW_MODULES or getattr(item, "originalname", "") in SLOW_TESTS
        if in_browser or named:
            item.add_marker(pytest.mark.slow)

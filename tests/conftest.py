import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAIN_ADDONS = ("key_account_management", "channel_credit", "distributor_management")
# Installed by itself when both main addons are: how they cooperate without depending on
# each other.
BRIDGE_ADDON = "channel_credit_key_account"
# What the main addons share: the input guard and jobs (b2b_base), the workbook layout.
SHARED_ADDONS = ("b2b_base", "b2b_xlsx")
# Installed by itself with Channel Credit and Distributor Management.
DISTRIBUTOR_BRIDGE_ADDON = "channel_credit_distributor"
ADDONS = (*SHARED_ADDONS, *MAIN_ADDONS, BRIDGE_ADDON, DISTRIBUTOR_BRIDGE_ADDON)
# Installed by itself with Channel Credit and Inventory (sale_stock): cash before delivery.
STOCK_BRIDGE_ADDON = "channel_credit_stock"
# Installed by itself with Distributor Management and CRM: recruiting distributors.
RECRUITMENT_ADDON = "distributor_recruitment"
# Installed by itself with Distributor Management and Key Accounts: visits to distributors.
VISIT_BRIDGE_ADDON = "distributor_key_account"
ALL_ADDONS = (*ADDONS, STOCK_BRIDGE_ADDON, RECRUITMENT_ADDON, VISIT_BRIDGE_ADDON)


@pytest.fixture(scope="session")
def repo_root():
    return ROOT


@pytest.fixture(scope="session")
def odoo_bin():
    import odoo

    path = Path(odoo.__file__).resolve().parent.parent / "odoo-bin"
    assert path.is_file(), f"odoo-bin not found next to the imported odoo package ({path})"
    return path


@pytest.fixture(scope="session")
def addons_path(odoo_bin):
    return ",".join([str(odoo_bin.parent / "odoo" / "addons"), str(ROOT)])


def tracked_files(suffix):
    """Files of the addons and tests with that suffix (no virtualenv, no build output)."""
    skip = {".venv", "var", "build", "dist", "__pycache__", ".git"}
    for path in ROOT.rglob(f"*{suffix}"):
        if not skip.intersection(path.relative_to(ROOT).parts):
            yield path


os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")

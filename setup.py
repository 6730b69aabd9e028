"""Packages the addons as odoo.addons.<name>, next to an importable Odoo 18.0.

setuptools-odoo does not read 18.0 manifests, so the mapping is spelled out here.
"""

import ast
import os

from setuptools import setup

ADDONS = (
    "b2b_base",
    "b2b_xlsx",
    "key_account_management",
    "channel_credit",
    "distributor_management",
    "channel_credit_key_account",
    "channel_credit_distributor",
    "channel_credit_stock",
    "distributor_recruitment",
    "distributor_key_account",
)
HERE = os.path.dirname(os.path.abspath(__file__))


def addon_layout(addon):
    """Python packages and data files (XML, CSV, PO, static...) of one addon."""
    packages, data = {}, []
    root = os.path.join(HERE, addon)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        rel = os.path.relpath(dirpath, root)
        if "__init__.py" in filenames:
            name = "odoo.addons." + addon + ("" if rel == "." else "." + rel.replace(os.sep, "."))
            packages[name] = os.path.relpath(dirpath, HERE)
        data += [
            os.path.normpath(os.path.join(rel, f))
            for f in filenames
            if not f.endswith((".py", ".pyc"))
        ]
    return packages, data


def manifest_version(addon):
    with open(os.path.join(HERE, addon, "__manifest__.py"), encoding="utf-8") as f:
        return ast.literal_eval(f.read())["version"]


package_dir, package_data = {}, {}
for addon in ADDONS:
    packages, data = addon_layout(addon)
    package_dir.update(packages)
    package_data["odoo.addons." + addon] = data

setup(
    name="kaizen-b2b-odoo-addons",
    version=manifest_version(ADDONS[0]),
    description="Key Account Management and Channel Credit addons for Odoo 18.0 Community",
    license="LGPL-3",
    python_requires=">=3.10",
    packages=sorted(package_dir),
    package_dir=package_dir,
    package_data=package_data,
    install_requires=["xlsxwriter"],
    zip_safe=False,
)

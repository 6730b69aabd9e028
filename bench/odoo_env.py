"""Shared by the benchmarks: a throwaway database with addons installed, an Odoo env, and the
customer companies most of them seed (the run itself: scaffold.py)."""

import contextlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ODOO_PATH = Path(os.environ.get("ODOO_PATH", "/opt/odoo"))
ADDONS_PATH = f"{ODOO_PATH / 'odoo' / 'addons'},{ROOT}"


def create_database(name, modules):
    subprocess.run(["dropdb", "--if-exists", name], check=True)
    print(f"installing {modules} into {name} ...", flush=True)
    subprocess.run(
        [
            sys.executable,
            str(ODOO_PATH / "odoo-bin"),
            "-d",
            name,
            "-i",
            modules,
            f"--addons-path={ADDONS_PATH}",
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
            "--no-http",
        ],
        check=True,
    )


def drop_database(name):
    subprocess.run(["dropdb", "--if-exists", name], check=True)


@contextlib.contextmanager
def odoo_env(name):
    sys.path.insert(0, str(ODOO_PATH))
    import odoo
    from odoo import api

    odoo.tools.config.parse_config([f"--addons-path={ADDONS_PATH}", "-d", name, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(name)
    try:
        with registry.cursor() as cr:
            yield api.Environment(cr, odoo.SUPERUSER_ID, {})
    finally:
        odoo.sql_db.close_all()


@contextlib.contextmanager
def throwaway_env(name, modules, keep=False):
    """A fresh database with ``modules`` installed, as a superuser env; dropped at the end
    unless ``keep``."""
    create_database(name, modules)
    try:
        with odoo_env(name) as env:
            yield env
    finally:
        if not keep:
            drop_database(name)


def seed_companies(cr, count, prefix):
    """``count`` customer companies named '<prefix> 1'..'<prefix> N', inserted with SQL;
    returns their ids in order."""
    cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, is_company, active, type, autopost_bills,
                                 create_date, write_date)
        SELECT %(prefix)s || ' ' || g, %(prefix)s || ' ' || g, true, true, 'contact', 'ask',
               now(), now()
          FROM generate_series(1, %(count)s) g
        RETURNING id
        """,
        {"prefix": prefix, "count": count},
    )
    ids = sorted(r[0] for r in cr.fetchall())
    cr.execute(
        "UPDATE res_partner SET commercial_partner_id = id WHERE commercial_partner_id IS NULL"
    )
    return ids

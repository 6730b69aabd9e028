"""Each addon installs alone and with the other in a fresh database, and uninstalls cleanly.

These run real Odoo processes against throwaway databases, so they are slow (a few minutes).
"""

import re
import subprocess
import sys

import pytest

from .conftest import ADDONS, MAIN_ADDONS

NOISE = re.compile(r" (WARNING|ERROR|CRITICAL) ")
# Our addons and models; not core's discuss.channel and the like.
OURS = re.compile(
    r"key_account_management|channel_credit|b2b_base|b2b_xlsx|\bkam\.|\bchannel\.(credit|collection|dunning)"
)

UNINSTALL = """
mods = env['ir.module.module'].search([('name', 'in', {names!r})])
print('BEFORE', sorted(mods.mapped('state')))
mods.button_immediate_uninstall()
env.cr.commit()
print('STATES', sorted(env['ir.module.module'].search([('name', 'in', {names!r})]).mapped('state')))
# No Odoo 18 core model starts with kam., channel. or b2b.: whatever is left is ours.
print('LEFT', sum(env['ir.model'].search_count([('model', '=like', prefix)])
                  for prefix in ('kam.%', 'channel.%', 'b2b.%')))
"""


def run_odoo(odoo_bin, addons_path, db, *args, stdin=None):
    cmd = [sys.executable, str(odoo_bin), *args, "-d", db, f"--addons-path={addons_path}"]
    cmd += ["--log-level=info", "--no-http"]
    proc = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=1200)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


def problems(log):
    return [line for line in log.splitlines() if NOISE.search(line) and OURS.search(line)]


def dropdb(db):
    subprocess.run(["dropdb", "--if-exists", db], check=True)


@pytest.mark.parametrize("first", MAIN_ADDONS)
def test_install_alone_then_together_then_uninstall(first, odoo_bin, addons_path):
    second = next(a for a in MAIN_ADDONS if a != first)
    db = f"b2b_test_fresh_{first}"
    dropdb(db)
    try:
        alone = run_odoo(odoo_bin, addons_path, db, "-i", first, "--stop-after-init")
        assert "Modules loaded" in alone.stderr
        assert not problems(alone.stderr), problems(alone.stderr)

        together = run_odoo(odoo_bin, addons_path, db, "-i", second, "--stop-after-init")
        assert not problems(together.stderr), problems(together.stderr)

        script = UNINSTALL.format(names=list(ADDONS))
        gone = run_odoo(odoo_bin, addons_path, db, "shell", stdin=script)
        # Installing the second addon brought the bridge in by itself; all of them go away.
        assert f"BEFORE {['installed'] * len(ADDONS)}" in gone.stdout, gone.stdout
        assert f"STATES {['uninstalled'] * len(ADDONS)}" in gone.stdout, gone.stdout
        assert "LEFT 0" in gone.stdout, gone.stdout
        assert not [line for line in gone.stderr.splitlines() if " ERROR " in line]
    finally:
        dropdb(db)

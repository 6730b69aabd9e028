"""What the addons' migrations share."""

import logging

from odoo.tools import SQL
from odoo.tools.sql import column_exists

_logger = logging.getLogger(__name__)

DEMO_LANG = "zh_CN"


def demo_in_chinese(env):
    """A database with demo data gets the demo's language, with the installed modules' Chinese,
    before an update loads new demo records in it: a demo file cannot do it then (Odoo runs no
    function of a demo file on an update). A production database keeps its languages."""
    Module = env["ir.module.module"]
    if not Module.search([("name", "=", "b2b_base")]).demo:
        return
    if env["res.lang"].search([("code", "=", DEMO_LANG), ("active", "=", True)]):
        return
    env["res.lang"]._activate_lang(DEMO_LANG)
    Module.search([("state", "in", ("installed", "to upgrade"))])._update_translations([DEMO_LANG])


def rename_selection_keys(cr, model, field, renamed):
    """Rename the stored keys of a selection field (``renamed``: {old: new}) in its column and
    in the users' saved filters of its model (every quoted old key there). Idempotent (a second
    run finds no old key); nothing happens where the column is not there (a new install, a
    release before the field). Tracked changes need nothing: the chatter stores a selection's
    label, not its key."""
    table = model.replace(".", "_")
    if not column_exists(cr, table, field):
        return
    for old, new in renamed.items():
        cr.execute(
            SQL(
                "UPDATE %s SET %s = %s WHERE %s = %s",
                SQL.identifier(table),
                SQL.identifier(field),
                new,
                SQL.identifier(field),
                old,
            )
        )
        if cr.rowcount:
            _logger.info("%s.%s: %s rows from %r to %r", model, field, cr.rowcount, old, new)
        for quote in ("'", '"'):
            cr.execute(
                """
                UPDATE ir_filters SET domain = replace(domain, %(old)s, %(new)s)
                 WHERE model_id = %(model)s AND strpos(domain, %(old)s) > 0
                """,
                {"old": f"{quote}{old}{quote}", "new": f"{quote}{new}{quote}", "model": model},
            )


def install_bridge(env, bridge, needs):
    """Mark ``bridge`` (an auto-installed addon new in this release) to install when the
    addon ``needs`` is installed: an update does not install new auto-installed addons by
    itself. Idempotent: an installed bridge is left alone."""
    modules = env["ir.module.module"].search([("name", "in", (bridge, needs))])
    new = modules.filtered(lambda m: m.name == bridge and m.state == "uninstalled")
    present = modules.filtered(
        lambda m: m.name == needs and m.state in ("installed", "to upgrade", "to install")
    )
    if new and present:
        _logger.info("Installing %s, which comes with %s", bridge, needs)
        new.button_install()

"""What the addons' migrations share."""

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

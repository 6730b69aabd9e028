"""What every addon's tests share."""

import importlib.util
import os
import re
from contextlib import contextmanager
from datetime import datetime, time, timedelta, timezone
from pathlib import Path

from lxml import etree

from odoo import fields
from odoo.addons.b2b_base import clock
from odoo.modules.module import get_module_path
from odoo.tests import Form, HttpCase, TransactionCase, new_test_user
from odoo.tools.safe_eval import safe_eval


def addon_migration(addon, version, step):
    """The ``migrate`` function of <addon>/migrations/<version>/<step>-migration.py."""
    path = Path(get_module_path(addon)) / "migrations" / version / f"{step}-migration.py"
    spec = importlib.util.spec_from_file_location(f"{addon}_{step}_{version}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.migrate


# The CSRF token a page of the web client or the portal hands to its scripts and forms.
CSRF_TOKEN = re.compile(r'csrf_token: "([^"]+)"')


def portal_post(case, page, url, data, files=None):
    """Post ``data`` (and ``files``) to ``url`` as a browser showing ``page`` does (an
    HttpCase ``case``, logged in): with the CSRF token of that page."""
    token = CSRF_TOKEN.search(case.url_open(page).text)[1]
    return case.url_open(url, data={**data, "csrf_token": token}, files=files)


def portal_user(env, distributor, login, tz):
    """A portal user of ``distributor``: a contact of it, as a distributor's people are
    invited (password = login)."""
    person = env["res.partner"].create(
        {"name": f"{login} buyer", "parent_id": distributor.id, "email": f"{login}@x.example"}
    )
    return new_test_user(env, login, groups="base.group_portal", partner_id=person.id, tz=tz)


def away_zone(now=None):
    """A time zone whose day is not UTC's at ``now`` (UTC+14 from 10:00 UTC, else UTC-11), or
    B2B_TEST_TZ: the tests' company and people live there, so a rule or a test that counts a
    UTC day where it means the local one fails at every hour, not one hour a night."""
    if os.environ.get("B2B_TEST_TZ"):
        return os.environ["B2B_TEST_TZ"]
    hour = (now or datetime.now(timezone.utc)).hour
    return "Pacific/Kiritimati" if hour >= 11 else "Pacific/Pago_Pago"


class RollbackCase(TransactionCase):
    """A refused call rolls back as the failed request would: rules checked as a post-condition
    (after the change is written) raise inside the write, and only the rollback undoes it.

    The company, its administrator and the browser's context share one time zone whose day is
    not UTC's (``away_zone``); new users inherit it. A test of another zone sets the one it
    tests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.zone = away_zone()
        cls.env = cls.env(context=dict(cls.env.context, tz=cls.zone))
        users = cls.env.user | cls.env.ref("base.user_admin")
        (users.partner_id | cls.env.company.partner_id).tz = cls.zone
        cls.today = fields.Date.context_today(cls.env.user)

    @classmethod
    def local_instant(cls, day, at=time(12)):
        """The UTC instant (as Odoo stores it) of ``day`` at ``at`` in the tests' zone: what
        freeze_time needs to stand on a local day."""
        start, _end = clock.utc_bounds(day, day, cls.zone)
        return start + timedelta(hours=at.hour, minutes=at.minute, seconds=at.second)

    @contextmanager
    def assertRaisesRegex(self, exception, regex):  # pylint: disable=arguments-differ
        """Odoo's assertRaises (in a savepoint, rolled back when the call fails), then the
        message: a test can show that nothing changed."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), regex)

    def snapshot(self, records, names):
        """The fields ``names`` of ``records`` as the database has them."""
        records.invalidate_recordset()
        return records.sudo().read(names)

    def assert_refused(self, error, message, call, records=None, names=(), model=None, same=None):
        """``call()`` raises ``error`` matching ``message`` (None: any message) and changes
        nothing: ``records`` still exist with the same fields ``names``, ``model`` has as many
        records, and ``same()`` (whatever else the caller measures) returns what it did before.
        The one "refused and nothing changed" check of both apps' tests."""
        names = list(names)
        before = self.snapshot(records, names) if records else None
        count = self.env[model].search_count([]) if model else None
        measured = same() if same else None
        refused = self.assertRaisesRegex(error, message) if message else self.assertRaises(error)
        with refused, self.cr.savepoint():
            call()
        if records:
            self.assertEqual(records.exists(), records, "a refused call deleted records")
            self.assertEqual(self.snapshot(records, names), before)
        if model:
            self.assertEqual(self.env[model].search_count([]), count)
        if same:
            self.assertEqual(same(), measured)


class NewButtonCase(RollbackCase):
    """ "New → fill the required fields → save" through the form, as each role whose menus
    offer it, with the context of the menu's action: what a person's browser sends.

    A subclass names its app's root menu (``menu_root``), its roles ({name: groups}), a filler
    per model ({model: function(case, form, user)} setting what a person types) and the models
    whose menus offer no "New" to anyone ({model: why}), and calls check_every_new_button()
    from its test."""

    menu_root = None
    roles = {}
    fillers = {}
    never_new = {}

    def _new_user(self, role, groups):
        return new_test_user(
            self.env,
            f"new_{role}",
            groups=groups,
            company_id=self.env.company.id,
            tz="Asia/Shanghai",
        )

    def _new_menus(self, user):
        """[(menu, action)]: the window actions under the root that show ``user`` a New button."""
        root = self.env.ref(self.menu_root)
        Menu = self.env["ir.ui.menu"].with_user(user)
        found = []
        for menu in Menu.search([("id", "child_of", root.id)]):
            action = menu.sudo().action
            if not action or action._name != "ir.actions.act_window" or action.target != "current":
                continue
            model = self.env[action.res_model].with_user(user)
            if model._abstract or not model._auto or not model.has_access("create"):
                continue
            context = safe_eval(action.context or "{}", {"uid": user.id, "context": {}})
            if not context.get("create", True) or not self._view_creates(model, action):
                continue
            found.append((menu, action.sudo(), context))
        return found

    def _view_creates(self, model, action):
        first = action.view_mode.split(",")[0]
        view = action.view_ids.filtered(lambda v: v.view_mode == first)[:1].view_id
        arch = model.get_view(view.id or None, view_type=first)["arch"]
        return etree.fromstring(arch).get("create") not in ("0", "false", "False")

    def _form_view(self, action):
        return action.view_ids.filtered(lambda v: v.view_mode == "form")[:1].view_id

    def check_every_new_button(self):
        offered, failed = set(), []
        for role, groups in self.roles.items():
            user = self._new_user(role, groups)
            menus = self._new_menus(user)
            self.assertTrue(menus, f"the {role} sees no New button at all")
            for menu, action, context in menus:
                model = action.res_model
                offered.add(model)
                if model not in self.fillers:
                    continue
                Model = self.env[model].with_user(user).with_context(**context)
                try:
                    with self.cr.savepoint(), Form(Model, view=self._form_view(action).id) as form:
                        self.fillers[model](self, form, user)
                except Exception as error:  # noqa: BLE001 - every failing menu is reported
                    failed.append(f"{role} / {menu.complete_name}: {error!r}")
                    continue
                self.assertEqual(form.record.create_uid, user)
        self.assertFalse(failed, "\n".join(failed))
        # Every model a menu offers "New" for has its test, and the list of models no menu
        # offers it for is still true.
        self.assertFalse(offered - set(self.fillers), "menus offer New for these untested models")
        self.assertFalse(offered & set(self.never_new), "these menus offer New after all")

    def check_settings_menu(self, xmlid):
        """The app's Settings menu shows only to those who may open the settings."""
        menu = self.env.ref(xmlid)
        for role, groups in self.roles.items():
            user = self._new_user(f"{role}_settings", groups)
            shown = menu in self.env["ir.ui.menu"].with_user(user).search([])
            self.assertEqual(shown, user.has_group("base.group_system"), role)
            if shown:
                self.env["res.config.settings"].with_user(user).create({}).execute()


class ClickEverywhereCase(HttpCase):
    """Odoo's own click-everywhere robot (web's ``click_all`` test) over one app, as a person
    logs in: every menu, every view of it, every filter. A view that fails to load, a domain
    that does not evaluate or an access error on the way fails the test."""

    allow_end_on_form = True

    def click_everywhere(self, app_xmlid, login):
        user = self.env["res.users"].search([("login", "=", login)])
        self.assertTrue(user, f"no user {login}")
        self.assertIn(self.env.ref(app_xmlid), self.env["ir.ui.menu"].with_user(user).search([]))
        # The robot stops at the first onboarding tour it meets.
        user.tour_enabled = False
        self.browser_js(
            "/odoo",
            "odoo.loader.modules.get('@web/webclient/clickbot/clickbot_loader')"
            f".startClickEverywhere('{app_xmlid}');",
            "odoo.isReady === true",
            login=login,
            timeout=600,
            success_signal="clickbot test succeeded",
        )

from datetime import timedelta

from odoo import fields
from odoo.addons.b2b_base.tests import common
from odoo.tests import Form, tagged

# The demo's roles, by their groups (the lowest that give each its menus).
ROLES = {
    "sales": "sales_team.group_sale_salesman,base.group_partner_manager",
    "credit": "sales_team.group_sale_salesman_all_leads,base.group_partner_manager,"
    "channel_credit.group_channel_credit_manager",
    "director": "sales_team.group_sale_salesman_all_leads,base.group_partner_manager,"
    "channel_credit.group_channel_credit_director",
    "admin": "base.group_system,sales_team.group_sale_manager,base.group_partner_manager,"
    "channel_credit.group_channel_credit_director",
}


def distributor(user):
    """A controlled distributor whose salesperson is ``user``."""
    env = user.env(su=True)
    partner = env["res.partner"].create(
        {
            "name": f"New Button Distributor {user.login}",
            "is_company": True,
            "user_id": user.id,
            "channel_credit_policy": "block",
            "credit_limit": 100000.0,
        }
    )
    return partner.with_env(user.env)


def fill_partner(case, form, user):
    form.name = "Ningbo Valve Trading Co."


def fill_check_item(case, form, user):
    form.name = "Visited the warehouse"


def fill_contact(case, form, user):
    form.partner_id = distributor(user)
    form.contact_name = "Finance Manager Li"
    form.their_words = "The October invoices are paid next week."


def fill_plan(case, form, user):
    form.partner_id = distributor(user)
    form.date = fields.Date.context_today(form._record) + timedelta(days=7)
    form.amount = 20000.0


def fill_level(case, form, user):
    form.name = "Board"
    form.group_id = user.env.ref("base.group_system")


def fill_review(case, form, user):
    form.partner_id = distributor(user)


def fill_dunning_step(case, form, user):
    form.name = "Letter from the lawyer"
    form.days = 120


def fill_excuse(case, form, user):
    form.name = "Waiting for the customer's customer"


@tagged("post_install", "-at_install")
class TestNewButtons(common.NewButtonCase):
    """Every "New" of the Credit menus saves through its form for each role that sees it: a
    salesperson, a Credit Manager, the credit director, an administrator."""

    menu_root = "channel_credit.channel_credit_menu_root"
    roles = ROLES
    fillers = {
        "res.partner": fill_partner,
        "channel.credit.check.item": fill_check_item,
        "channel.collection.contact": fill_contact,
        "channel.collection.plan": fill_plan,
        "channel.credit.approval.level": fill_level,
        "channel.credit.review": fill_review,
        "channel.dunning.step": fill_dunning_step,
        "channel.collection.excuse": fill_excuse,
    }
    never_new = {
        "channel.credit.release": "asked for from the blocked order",
        "stock.picking": "deliveries come from confirmed orders",
    }

    def test_every_new_button_saves(self):
        self.check_every_new_button()

    def test_settings_menu_only_for_those_who_may_open_it(self):
        self.check_settings_menu("channel_credit.channel_credit_settings_menu")

    def test_investigation_item_saves_through_its_phone_form(self):
        """At the distributor's site the salesperson opens one checklist card and fills it in
        the item's form (the list's columns are for desks)."""
        user = self._new_user("sales", ROLES["sales"])
        form = Form(self.env["channel.credit.review"].with_user(user))
        form.partner_id = distributor(user)
        self.assertTrue(form.line_ids, "a new review starts with the checklist")
        with form.line_ids.edit(0) as item:
            item.checked = True
            item.score = 8
            item.finding = "Warehouse seen, 2,000 m²"
        review = form.save()
        line = review.line_ids.sorted("sequence")[0]
        self.assertEqual(
            (line.checked, line.score, line.finding), (True, 8, "Warehouse seen, 2,000 m²")
        )
        self.assertGreater(review.score, 0)

from datetime import date

from odoo.addons.b2b_base.tests import common
from odoo.addons.key_account_management.const import VISIT_TYPES
from odoo.tests import tagged

# The demo's roles, by their groups (the lowest that give each its menus).
ROLES = {
    "rep": "base.group_user,sales_team.group_sale_salesman,base.group_partner_manager",
    "kam_manager": "sales_team.group_sale_manager,base.group_partner_manager",
    "admin": "base.group_system,sales_team.group_sale_manager,base.group_partner_manager",
}


def customer(user):
    """A customer company of ``user`` with its key account, as the data a person finds."""
    env = user.env(su=True)
    partner = env["res.partner"].create(
        {"name": f"New Button Customer {user.login}", "is_company": True, "user_id": user.id}
    )
    env["kam.account"].create({"partner_id": partner.id, "manager_id": user.id})
    return partner.with_env(user.env)


def contact(user):
    env = user.env(su=True)
    person = env["res.partner"].create(
        {"name": f"Purchasing Manager {user.login}", "parent_id": customer(user).id}
    )
    return person.with_env(user.env)


def fill_account(case, form, user):
    env = user.env(su=True)
    form.partner_id = env["res.partner"].create(
        {"name": f"Prospect {user.login}", "is_company": True, "user_id": user.id}
    )


def fill_lead(case, form, user):
    form.name = "Valves for the new plant"
    form.partner_id = customer(user)


def fill_visit(case, form, user):
    form.partner_id = customer(user)


def fill_relationship(case, form, user):
    form.partner_id = contact(user)


def fill_plan(case, form, user):
    # One plan per period: the year after the last one planned.
    last = user.env["kam.resource.plan"].search([], order="date_to desc", limit=1).date_to
    year = (last.year if last else 2026) + 1
    form.name = f"Plan {year}"
    form.date_from = date(year, 1, 1)
    form.date_to = date(year, 12, 31)


def fill_complaint(case, form, user):
    form.partner_id = customer(user)
    form.description = "The last delivery of DN50 valves leaked at the flange."


def fill_gift(case, form, user):
    person = contact(user)
    form.partner_id = person.parent_id
    form.recipient_id = person
    form.amount = 600.0
    form.purpose = "Mid-Autumn Festival mooncakes"


def fill_tier(case, form, user):
    form.name = "Regional"


def fill_competitor(case, form, user):
    env = user.env(su=True)
    form.competitor_id = env["res.partner"].create(
        {"name": f"Rival Valves {user.login}", "is_company": True, "kam_is_competitor": True}
    )
    form.partner_id = customer(user)


def fill_visit_cost(case, form, user):
    # One cost per type and company: a type not costed yet.
    costed = user.env["kam.visit.cost"].search([]).mapped("visit_type")
    form.visit_type = next(key for key, _label in VISIT_TYPES if key not in costed)
    form.days = 0.25


def fill_survey(case, form, user):
    partner = customer(user)
    form.account_id = user.env["kam.account"].search([("partner_id", "=", partner.id)])
    form.expectation = "4"
    form.experience = "3"


def fill_customer(case, form, user):
    form.name = "Hangzhou Pipeline Engineering Co."


@tagged("post_install", "-at_install")
class TestNewButtons(common.NewButtonCase):
    """Every "New" of the Key Accounts menus saves through its form for each role that sees
    it: a rep, a key-account manager, an administrator."""

    menu_root = "key_account_management.key_account_menu_root"
    roles = ROLES
    fillers = {
        "kam.account": fill_account,
        "crm.lead": fill_lead,
        "kam.visit": fill_visit,
        "kam.relationship": fill_relationship,
        "kam.resource.plan": fill_plan,
        "kam.complaint": fill_complaint,
        "kam.gift.request": fill_gift,
        "kam.tier": fill_tier,
        "kam.competitor.info": fill_competitor,
        "kam.visit.cost": fill_visit_cost,
        "kam.satisfaction.survey": fill_survey,
        "res.partner": fill_customer,
    }
    never_new = {
        "kam.tier.history": "written by the tiering job",
        "kam.collection.report": "a report over payments",
    }

    def test_every_new_button_saves(self):
        self.check_every_new_button()

    def test_settings_menu_only_for_those_who_may_open_it(self):
        self.check_settings_menu("key_account_management.kam_settings_menu")

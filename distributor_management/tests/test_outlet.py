"""A distributor's outlets (二级分销商 / 终端): entered by its representative in the form, seen
by them and the Channel Managers only, counted on the distributor, and no bad figure."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import DistributorCase


@tagged("post_install", "-at_install")
class TestOutlet(DistributorCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls.agreement([(cls.nanjing, True)], lines=[cls.control])
        cls.theirs = cls.agreement([(cls.suzhou, True)], user=cls.rep2)
        for agreement in cls.mine | cls.theirs:  # signed: a draft opens no network
            agreement.with_user(agreement.create_uid).action_submit()
            agreement.with_user(cls.manager).action_approve()
        cls.Outlet = cls.env["distributor.outlet"]

    def new_outlet(self, user, partner, **values):
        """New from the Outlets menu, as the browser sends it."""
        with Form(self.Outlet.with_user(user)) as form:
            form.name = "Jiangning Valve Shop"
            form.partner_id = partner
            form.outlet_type = "terminal"
            form.territory_id = self.jiangning
            form.product_line_ids.add(self.control)
            for name, value in values.items():
                setattr(form, name, value)
        return form.record

    def test_a_representative_adds_an_outlet_of_their_distributor(self):
        outlet = self.new_outlet(self.rep, self.mine.partner_id, monthly_volume=60_000)
        self.assertEqual(
            (outlet.partner_id, outlet.outlet_type, outlet.product_line_ids, outlet.monthly_volume),
            (self.mine.partner_id, "terminal", self.control, 60_000),
        )
        self.assertEqual(outlet.company_id, self.company)
        partner = self.mine.partner_id
        self.assertEqual(partner.with_user(self.rep).distributor_outlet_count, 1)
        action = partner.with_user(self.rep).action_view_distributor_outlets()
        self.assertEqual(self.Outlet.with_user(self.rep).search(action["domain"]), outlet)
        # Another representative sees neither the outlet nor its count; a manager sees both.
        self.assertEqual(partner.with_user(self.rep2).distributor_outlet_count, 0)
        self.assertEqual(partner.with_user(self.manager).distributor_outlet_count, 1)
        self.assert_refused(
            AccessError,
            None,
            lambda: outlet.with_user(self.rep2).write({"name": "Mine now"}),
            outlet,
            ["name"],
        )
        self.assertFalse(self.Outlet.with_user(self.rep2).search([("id", "=", outlet.id)]))

    def test_nobody_adds_an_outlet_to_someone_elses_distributor(self):
        for call in (
            lambda: self.new_outlet(self.rep, self.theirs.partner_id),
            lambda: self.Outlet.with_user(self.rep).create(
                {"name": "Sneaky", "partner_id": self.theirs.partner_id.id}
            ),
        ):
            self.assert_refused(AccessError, None, call, model="distributor.outlet")
        outlet = self.new_outlet(self.rep, self.mine.partner_id)
        theirs = self.theirs.partner_id.id
        for call in (  # nor by copy, import, or a default
            lambda: outlet.with_user(self.rep).copy({"partner_id": theirs}),
            lambda: self.Outlet.with_user(self.rep)
            .with_context(default_partner_id=theirs)
            .create({"name": "By default"}),
        ):
            self.assert_refused(AccessError, None, call, model="distributor.outlet")
        count = self.Outlet.search_count([])
        result = self.Outlet.with_user(self.rep).load(
            ["name", "partner_id/.id"], [["Imported", str(theirs)]]
        )
        self.assertFalse(result["ids"])
        self.assertIn("'create' access", " ".join(m["message"] for m in result["messages"]))
        self.assertEqual(self.Outlet.search_count([]), count)
        self.assert_refused(
            AccessError,
            None,
            lambda: outlet.with_user(self.rep).write({"partner_id": self.theirs.partner_id.id}),
            outlet,
            ["partner_id"],
        )
        self.assert_refused(AccessError, None, outlet.with_user(self.rep).unlink, outlet, ["name"])
        outlet.with_user(self.rep).action_archive()
        self.assertFalse(outlet.active)

    def test_a_draft_agreement_opens_no_network(self):
        theirs = self.new_outlet(self.rep2, self.theirs.partner_id)
        # Anyone may draft an agreement for any distributor: it gives no right on its outlets.
        self.agreement([(self.jiangning, False)], partner_id=self.theirs.partner_id.id)
        Outlet = self.Outlet.with_user(self.rep)
        self.assertFalse(Outlet.search([("partner_id", "=", self.theirs.partner_id.id)]))
        self.assert_refused(
            AccessError,
            None,
            lambda: theirs.with_user(self.rep).write({"partner_id": self.mine.partner_id.id}),
            theirs,
            ["partner_id"],
        )

    def test_bad_figures_are_refused_and_nothing_changes(self):
        outlet = self.new_outlet(self.rep, self.mine.partner_id, monthly_volume=1_000)
        for value, message in ((-1, "cannot be negative"), (float("nan"), "Monthly Purchase")):
            self.assert_refused(
                ValidationError,
                message,
                lambda v=value: outlet.with_user(self.rep).write({"monthly_volume": v}),
                outlet,
                ["monthly_volume"],
            )
        other_company = self.env["res.company"].create({"name": "Other Valves Co"})
        foreign = self.env["distributor.territory"].create(
            {"name": "Elsewhere", "level": "city", "company_id": other_company.id}
        )
        self.assert_refused(
            UserError,
            None,
            lambda: outlet.with_user(self.rep).write({"territory_id": foreign.id}),
            outlet,
            ["territory_id"],
        )

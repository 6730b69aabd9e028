from datetime import date

from odoo.http import root
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDistributorUi(HttpCase):
    """What a person clicks, in the web client, on the demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Parse every addon manifest now, in this thread (see key_account_management's
        # test_ui: the lazy first parse races other threads' compile() on CPython 3.11).
        assert root.statics, "no addon static folders found"
        # The tour types dates as English does (a database's demo user may read Chinese).
        demo = cls.env.ref("base.user_demo")
        demo.lang = "en_US"
        # The demo's representative, whichever way the database got its demo data.
        demo.groups_id |= cls.env.ref("distributor_management.group_distributor_user")
        cls.partner = cls.env["res.partner"].create(
            {"name": "杭州新源阀门有限公司", "is_company": True}
        )

    def test_a_representative_prepares_and_submits_an_agreement(self):
        self.browser_size = "1440x900"
        self.start_tour(
            "/odoo/action-distributor_management.distributor_agreement_action",
            "distributor_agreement_tour",
            login="demo",
        )
        agreement = self.env["distributor.agreement"].search([("partner_id", "=", self.partner.id)])
        self.assertEqual(agreement.state, "submitted")
        self.assertEqual(agreement.user_id.login, "demo")
        self.assertEqual(
            (agreement.date_start, agreement.date_end), (date(2027, 1, 1), date(2027, 12, 31))
        )
        self.assertTrue(agreement.territory_ids.exclusive)
        self.assertEqual(agreement.territory_ids.territory_id.name, "杭州市")
        self.assertEqual(len(agreement.target_ids), 4)
        self.assertEqual(agreement.target_total, 1_200_000)

from odoo.http import root
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestKeyAccountUi(HttpCase):
    """What a person clicks, in the web client, on the demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Parse every addon manifest now, in this thread: done lazily by the first static
        # request, it races other server threads' compile() on CPython 3.11 ("AST constructor
        # recursion depth mismatch") and fails a tour at random.
        assert root.statics, "no addon static folders found"

    browser_size = "375x667"
    touch_enabled = True

    def test_key_accounts_on_a_phone(self):
        self.start_tour(
            "/odoo/action-key_account_management.kam_account_action?view_type=kanban",
            "key_account_phone_tour",
            login="admin",
        )

    def test_matrix_on_a_desktop(self):
        self.browser_size = "1440x900"
        self.touch_enabled = False
        self.start_tour(
            "/odoo/action-key_account_management.kam_account_matrix_action",
            "kam_matrix_tour",
            login="admin",
        )

    def test_matrix_on_a_phone(self):
        self.start_tour(
            "/odoo/action-key_account_management.kam_account_matrix_action",
            "kam_matrix_tour",
            login="admin",
        )

    def test_deal_role_map(self):
        self.browser_size = "1366x768"
        self.touch_enabled = False
        self.start_tour(
            "/odoo/action-key_account_management.crm_lead_key_deals_action",
            "key_account_deal_tour",
            login="admin",
        )

    def test_visit_on_a_phone(self):
        self.start_tour(
            "/odoo/action-key_account_management.kam_visit_action",
            "kam_visit_phone_tour",
            login="admin",
        )
        visit = self.env["kam.visit"].search([("purpose", "=", "确认新产线的阀门选型")])
        self.assertEqual(visit.state, "done")
        self.assertTrue(visit.checkin_time)
        self.assertLess(visit.checkin_distance_m, 5000)
        self.assertTrue(visit.activity_ids, "the follow-up is scheduled")

    def test_rep_logs_a_complaint(self):
        # The flow that failed in the browser: the form sends the status with its defaults.
        self.browser_size = "1440x900"
        self.touch_enabled = False
        self.start_tour(
            "/odoo/action-key_account_management.kam_complaint_action",
            "kam_complaint_new_tour",
            login="rep",
        )
        complaint = self.env["kam.complaint"].search(
            [("description", "=", "上批DN50阀门法兰处渗漏")]
        )
        self.assertEqual(complaint.state, "new")
        self.assertEqual(complaint.create_uid.login, "rep")
        self.assertEqual(
            complaint.partner_id, self.env.ref("key_account_management.partner_demo_fie")
        )
        self.assertTrue(complaint.name.startswith("CP/"))

import threading

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged


@tagged("post_install", "-at_install")
class TestConcurrentConfirmations(BaseCase):
    """Two orders for one distributor, each fitting the limit alone but not together,
    confirmed at the same time in two database transactions: only one may pass."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            product = env["product.product"].create({"name": "Concurrent tile", "taxes_id": False})
            partner = env["res.partner"].create(
                {
                    "name": "Concurrent distributor",
                    "is_company": True,
                    "credit_limit": 1000,
                    "channel_credit_policy": "block",
                }
            )
            orders = env["sale.order"].create(
                [
                    {
                        "partner_id": partner.id,
                        "order_line": [
                            Command.create(
                                {"product_id": product.id, "price_unit": 600, "tax_id": False}
                            )
                        ],
                    }
                    for _i in range(2)
                ]
            )
            self.ids = {"partner": partner.id, "product": product.id, "orders": orders.ids}
        self.addCleanup(self.remove_committed_data)

    def remove_committed_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            orders = env["sale.order"].browse(self.ids["orders"])
            orders._action_cancel()
            if "picking_ids" in orders._fields:  # with Inventory, their cancelled deliveries
                pickings = orders.picking_ids
                pickings.move_ids.unlink()
                pickings.unlink()
            orders.unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()
            env["product.product"].browse(self.ids["product"]).product_tmpl_id.unlink()

    def test_only_one_of_two_concurrent_orders_passes(self):
        first_id, second_id = self.ids["orders"]
        cr1, cr2 = self.registry.cursor(), self.registry.cursor()
        try:
            env1 = api.Environment(cr1, SUPERUSER_ID, {})
            env2 = api.Environment(cr2, SUPERUSER_ID, {})
            env2["sale.order"].browse(second_id).read(["amount_total"])  # second txn has begun
            env1["sale.order"].browse(first_id).action_confirm()  # holds the partner's lock

            outcome = {}

            def confirm_second():
                try:
                    env2["sale.order"].browse(second_id).action_confirm()
                    outcome["result"] = "confirmed"
                except Exception as error:  # noqa: BLE001 - the outcome is asserted below
                    outcome["result"] = error

            thread = threading.Thread(target=confirm_second)
            thread.start()
            thread.join(2)
            self.assertTrue(thread.is_alive(), "the second check must wait for the first")
            cr1.commit()
            thread.join(30)
            self.assertFalse(thread.is_alive())
            # It cannot pass on its stale snapshot: it fails to serialize...
            self.assertIsInstance(outcome["result"], SerializationFailure)
            cr2.rollback()
            # ...and the retry (what Odoo's RPC layer does) sees the first order and refuses.
            with self.assertRaisesRegex(UserError, "Over the limit by"):
                env2["sale.order"].browse(second_id).action_confirm()
            cr2.rollback()
            states = env2["sale.order"].browse([first_id, second_id]).mapped("state")
            self.assertEqual(states, ["sale", "draft"])
        finally:
            cr1.close()
            cr2.close()

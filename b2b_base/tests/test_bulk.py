from unittest.mock import patch

from odoo.tests import TransactionCase, tagged

from .. import bulk

COLUMNS = {"ref": "varchar", "color": "int", "partner_latitude": "numeric"}


@tagged("post_install", "-at_install")
class TestBulk(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partners = cls.env["res.partner"].create(
            [{"name": f"P{i}", "ref": "before", "color": 1} for i in range(5)]
        )

    def test_update_writes_the_mapped_columns_and_the_constants(self):
        first, second = self.partners[:2]
        self.assertEqual(first.ref, "before")  # cached: the update must drop it
        rows = [
            {
                "id": first.id,
                "ref": "A",
                "color": 3,
                "partner_latitude": 1.25,
            },
            {"id": second.id, "ref": None, "color": 0, "partner_latitude": 0},
        ]
        with patch.object(bulk, "CHUNK", 1):  # one statement per row: chunks add up
            bulk.update(self.env["res.partner"], COLUMNS, rows, {"function": "bulk"})
        self.assertEqual(
            (first.ref, first.color, first.partner_latitude, first.function),
            ("A", 3, 1.25, "bulk"),
        )
        self.assertEqual((second.ref, second.color), (False, 0))
        self.assertEqual(second.function, "bulk")
        others = self.partners[2:]
        self.assertEqual(set(others.mapped("ref")), {"before"})
        self.assertFalse(any(others.mapped("function")))

    def test_update_drops_only_the_model_cache_when_asked(self):
        partner = self.partners[0]
        self.assertEqual(partner.color, 1)
        bulk.update(
            self.env["res.partner"],
            {"color": "int"},
            [{"id": partner.id, "color": 7}],
            invalidate_all=False,
        )
        self.assertEqual(partner.color, 7)

    def test_insert_returns_the_asked_columns(self):
        Param = self.env["ir.config_parameter"]
        created = bulk.insert(
            Param,
            {"key": "varchar", "value": "varchar"},
            [{"key": "b2b.bulk.one", "value": "1"}, {"key": "b2b.bulk.two", "value": "2"}],
            {"create_uid": self.env.uid, "write_uid": self.env.uid},
            returning=["key", "id"],
        )
        ids = dict(created)
        self.assertEqual(set(ids), {"b2b.bulk.one", "b2b.bulk.two"})
        params = Param.browse([ids["b2b.bulk.one"], ids["b2b.bulk.two"]])
        self.assertEqual(params.mapped("value"), ["1", "2"])
        self.assertEqual(params.create_uid, self.env.user)

    def test_nothing_to_write_is_no_statement(self):
        with patch.object(self.env.cr, "execute") as execute:
            bulk.update(self.env["res.partner"], COLUMNS, [])
            self.assertEqual(bulk.insert(self.env["res.partner"], COLUMNS, []), [])
        execute.assert_not_called()

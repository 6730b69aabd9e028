"""The one input guard, on its own: numbers, magnitudes, dates, blank texts and the system's
figures (the addons' own tests show it on each of their models)."""

from datetime import date

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from .. import guards

NAN, INF = float("nan"), float("inf")


@tagged("post_install", "-at_install")
class TestGuards(TransactionCase):
    def test_the_validators_at_their_edges(self):
        for value in (None, False, 0, -1.5, "2.5", 1e300):
            self.assertTrue(guards.finite_number(value), value)
        for value in (NAN, INF, -INF, "nan", "abc", object()):
            self.assertFalse(guards.finite_number(value), value)
        self.assertTrue(guards.fits_int4(2147483647))
        self.assertTrue(guards.fits_int4(-2147483648))
        for value in (2147483648, -2147483649, 10**40, 1e12, NAN, INF):
            self.assertFalse(guards.fits_int4(value), value)
        self.assertTrue(guards.roundable(10**13))
        self.assertTrue(guards.roundable(-(10**13)))
        for value in (10**13 + 1, 1e308, -1e308, NAN):
            self.assertFalse(guards.roundable(value), value)
        self.assertTrue(guards.date_in_range(date(2999, 12, 31)))
        self.assertTrue(guards.date_in_range(date(1900, 1, 1)))
        self.assertFalse(guards.date_in_range(date(3000, 1, 1)))
        self.assertFalse(guards.date_in_range(date(9999, 12, 31)))
        self.assertFalse(guards.date_in_range(date(1899, 12, 31)))
        self.assertTrue(guards.blank("  \n"))
        self.assertFalse(guards.blank(" x "))
        self.assertFalse(guards.blank(False))

    def test_check_input_gives_a_readable_error(self):
        Partner = self.env["res.partner"]
        for vals, message in (
            ({"credit_limit": 1e308}, "too large"),
            ({"credit_limit": NAN}, "not a finite number"),
            ({"color": 2**31}, "out of range"),
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(ValidationError, message):
                guards.check_input(Partner, [vals])
        guards.check_input(Partner, [{"credit_limit": 10**13}])
        Rate = self.env["res.currency.rate"]
        for vals, message in (
            ({"name": "9999-12-31"}, "must lie between 1900-01-01 and 2999-12-31"),
            ({"name": "1899-12-31"}, "must lie between 1900-01-01 and 2999-12-31"),
            ({"name": "2026-13-45"}, "is not a valid date"),
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(ValidationError, message):
                guards.check_input(Rate, [vals])
        guards.check_input(Rate, [{"name": "2999-12-31"}, {"name": "1900-01-01"}])
        # Only the given types: a blank required text passes where texts are not checked.
        guards.check_input(Partner, [{"credit_limit": 1.0}], types=guards.NUMBER_TYPES)
        with self.assertRaisesRegex(ValidationError, "too large"):
            guards.check_input(Partner, [{"credit_limit": -1e20}], types=guards.NUMBER_TYPES)

    def test_defaults_are_checked_on_create(self):
        Rate = self.env["res.currency.rate"].with_context(default_name="9999-01-01")
        with self.assertRaisesRegex(ValidationError, "must lie between"):
            guards.check_input(Rate, [{"rate": 2.0}], create=True)
        guards.check_input(Rate, [{"rate": 2.0, "name": "2026-01-01"}], create=True)

    def test_blank_required_texts(self):
        Module = self.env["ir.module.category"]
        with self.assertRaisesRegex(ValidationError, "cannot be blank"):
            guards.check_input(Module, [{"name": "   "}])
        guards.check_input(Module, [{"name": " Sales "}])

    def test_system_figures_are_the_systems(self):
        user = new_test_user(
            self.env, "b2b_guard_user", groups="base.group_user,base.group_partner_manager"
        )
        Partner = self.env["res.partner"].with_user(user)
        partner = Partner.create({"name": "Shop", "is_company": True})
        names = {"commercial_partner_id"}
        self.assertIn("commercial_partner_id", guards.system_fields(Partner))
        with self.assertRaisesRegex(AccessError, "computed by the system"):
            guards.refuse_system_fields(Partner, [{"commercial_partner_id": 1}], names)
        # What a form sends back unchanged changes nothing and passes.
        guards.refuse_system_fields(Partner, [{"commercial_partner_id": False}], names)
        guards.refuse_system_fields(
            Partner, [{"commercial_partner_id": partner.id}], names, records=partner
        )
        with self.assertRaisesRegex(AccessError, "computed by the system"):
            guards.refuse_system_fields(
                Partner, [{"commercial_partner_id": user.partner_id.id}], names, records=partner
            )
        # Odoo itself and administrators write them.
        guards.refuse_system_fields(self.env["res.partner"], [{"commercial_partner_id": 1}], names)
        admin = self.env.ref("base.user_admin")
        guards.refuse_system_fields(
            self.env["res.partner"].with_user(admin), [{"commercial_partner_id": 1}], names
        )

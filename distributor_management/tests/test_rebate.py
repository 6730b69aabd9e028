"""Rebates (返利) paid on collected money, with hand-computed figures: the issue's example, a
later accrual of the same period that pays only the difference, a refund after settlement that
claws back, four eyes by amount, the ledger nobody writes, and the company's midnight."""

import contextlib
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import Q1, RebateCase


@tagged("post_install", "-at_install")
class TestRebate(RebateCase):
    def test_the_issues_example(self):
        """Target 100,000; 110,000 of 130,000 invoiced collected: 110 %, 2 % x 110,000."""
        invoice = self.invoice([(self.valve, 130_000)], date(2026, 2, 1), partner=self.buyer)
        self.pay(invoice, 110_000, date(2026, 3, 15))
        rebate = self.accrue()
        self.assertEqual(self.figures(rebate), (110_000, 1.1, 2, 2_200, 0, 2_200))
        self.assertEqual((rebate.state, rebate.accrued_by_id), ("accrued", self.manager))
        self.assertEqual(rebate.partner_id, self.buyer)
        # The representative reads their distributor's ledger.
        self.assertEqual(rebate.with_user(self.rep).amount, 2_200)

    def test_money_not_collected_earns_nothing(self):
        self.invoice([(self.valve, 130_000)], date(2026, 2, 1), partner=self.buyer)
        self.assertFalse(self.accrue())

    def test_tiers_at_their_thresholds(self):
        invoice = self.invoice([(self.valve, 200_000)], date(2026, 1, 5), partner=self.buyer)
        self.pay(invoice, 99_999, date(2026, 1, 10))
        self.assertFalse(self.accrue(), "99.999 % reaches no tier")
        self.pay(invoice, 1, date(2026, 1, 11))
        self.assertEqual(self.accrue().rate, 2, "100 % reaches the first tier")
        self.pay(invoice, 20_000, date(2026, 1, 12))
        rebate = self.accrue()
        self.assertEqual(len(rebate), 1, "the open entry is brought up to date")
        self.assertEqual(self.figures(rebate), (120_000, 1.2, 3, 3_600, 0, 3_600))

    def test_settlements_net_and_a_refund_claws_back(self):
        invoice = self.invoice([(self.valve, 130_000)], date(2026, 1, 10), partner=self.buyer)
        self.pay(invoice, 100_000, date(2026, 2, 20))
        first = self.accrue()
        self.assertEqual(self.figures(first), (100_000, 1.0, 2, 2_000, 0, 2_000))
        first.with_user(self.manager2).action_approve()
        first.with_user(self.manager).action_settle()
        credit_note = first.sudo().move_id
        self.assertEqual(
            (credit_note.move_type, credit_note.state, credit_note.amount_total),
            ("out_refund", "draft", 2_000),
        )
        # The line reads in the distributor's language.
        self.assertEqual(
            credit_note.invoice_line_ids.name,
            f"Rebate (返利) {first.name}: 2026-01-01 to 2026-03-31",
        )
        # A draft credit note pays nothing yet and the period waits for it.
        self.assertEqual((first.settlement_status, first.paid), ("draft", 0))
        self.pay(invoice, 20_000, date(2026, 3, 10))
        self.assertEqual(self.accrue(), first)
        credit_note.with_user(self.accountant).action_post()
        self.assertEqual((first.settlement_status, first.paid), ("posted", 2_000))

        # 120,000 collected: 3 % = 3,600 earned, 2,000 of it already paid.
        first_, second = self.accrue()
        self.assertEqual(first_, first)
        self.assertEqual(self.figures(second), (120_000, 1.2, 3, 3_600, 2_000, 1_600))
        self.settle(second)
        self.assertEqual(second.paid, 1_600)

        # 20,000 of goods returned and paid back: 100,000 net, 2,000 earned, 3,600 paid.
        refund = self.invoice(
            [(self.valve, 20_000)], date(2026, 3, 20), partner=self.buyer, move_type="out_refund"
        )
        self.pay(refund, 20_000, date(2026, 3, 25))
        *_settled, claw = self.accrue()
        self.assertEqual(self.figures(claw), (100_000, 1.0, 2, 2_000, 3_600, -1_600))
        move = self.settle(claw)
        self.assertEqual((move.move_type, move.amount_total), ("out_invoice", 1_600))
        self.assertEqual(claw.paid, -1_600)
        # Nothing is due any more.
        self.assertEqual(len(self.accrue()), 3)

    def test_a_settlement_is_posted_as_it_was_made(self):
        invoice = self.invoice([(self.valve, 110_000)], date(2026, 1, 10), partner=self.buyer)
        self.pay(invoice, 110_000, date(2026, 2, 20))
        rebate = self.accrue()
        rebate.with_user(self.manager2).action_approve()
        rebate.with_user(self.manager).action_settle()
        note = rebate.sudo().move_id.with_user(self.accountant)
        line = note.invoice_line_ids
        other = self.distributor("Someone Else")
        for change in (
            lambda: line.write({"price_unit": 22_000}),
            lambda: line.write({"quantity": 2}),
            lambda: note.write({"partner_id": other.id}),
        ):
            with self.cr.savepoint() as savepoint:
                change()
                self.assert_refused(
                    UserError,
                    "settles the rebate .* Post it as it was made",
                    note.action_post,
                    note,
                    ["state"],
                )
                savepoint.rollback()
        # Not by writing the state (the same rule as posting), nor by another product at
        # the same total (it would count as sales, and then as collected money).
        with self.cr.savepoint() as savepoint:
            line.write({"price_unit": 22_000})
            self.assert_refused(
                UserError, "Post it as it was made", lambda: note.write({"state": "posted"})
            )
            savepoint.rollback()
        with self.cr.savepoint() as savepoint:
            line.write({"product_id": self.valve.id, "price_unit": 2_200})
            self.assert_refused(UserError, "Post it as it was made", note.action_post, note)
            savepoint.rollback()
        note.action_post()
        self.assertEqual((note.state, note.amount_total, rebate.paid), ("posted", 2_200, 2_200))
        # Posted, its product is not swapped behind the form's back either.
        self.assert_refused(
            UserError,
            "Post it as it was made",
            lambda: line.with_context(skip_readonly_check=True).write(
                {"product_id": self.valve.id}
            ),
            line,
            ["product_id"],
        )

    def test_a_cancelled_credit_note_pays_nothing(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.buyer.lang = "zh_CN"
        invoice = self.invoice([(self.valve, 110_000)], date(2026, 1, 10), partner=self.buyer)
        self.pay(invoice, 110_000, date(2026, 2, 20))
        first = self.accrue()
        move = self.settle(first)
        self.assertEqual(move.invoice_line_ids.name, f"返利 {first.name}：2026-01-01 至 2026-03-31")
        move.button_draft()
        move.button_cancel()
        self.assertEqual(first.paid, 0)
        _first, again = self.accrue()
        self.assertEqual(self.figures(again), (110_000, 1.1, 2, 2_200, 0, 2_200))

    def test_a_reversed_credit_note_gives_the_rebate_back_whole(self):
        invoice = self.invoice([(self.valve, 110_000)], date(2026, 1, 10), partner=self.buyer)
        self.pay(invoice, 110_000, date(2026, 2, 20))
        first = self.accrue()
        note = self.settle(first)
        reversal = self.reverse(note).with_user(self.accountant)
        # Not a part of it: the ledger would count the whole as given back.
        reversal.invoice_line_ids.price_unit = 1_000
        self.assert_refused(
            UserError, "Post it as it was made", reversal.action_post, reversal, ["state"]
        )
        reversal.invoice_line_ids.price_unit = 2_200
        reversal.action_post()
        self.assertEqual((first.settlement_status, first.paid), ("cancel", 0))
        # Given back once, and the credit note is not taken back while its reversal stands.
        second = self.reverse(note, date(2026, 4, 11)).with_user(self.accountant)
        self.assert_refused(
            UserError, "give it back whole, once", second.action_post, second, ["state"]
        )
        self.assert_refused(
            UserError,
            "give it back whole, once",
            note.with_user(self.accountant).button_draft,
            note,
            ["state"],
        )
        _first, again = self.accrue()
        self.assertEqual(self.figures(again), (110_000, 1.1, 2, 2_200, 0, 2_200))

    def test_references_are_drawn_at_once_from_the_years_range(self):
        Rebate = self.env["distributor.rebate"]

        def numbers(names, year):
            self.assertTrue(all(name.startswith(f"RB/{year}/") for name in names), names)
            return [int(name.rsplit("/", 1)[1]) for name in names]

        drawn = numbers(Rebate._next_references(self.company, date(2026, 4, 2), 3), 2026)
        self.assertEqual(drawn, list(range(drawn[0], drawn[0] + 3)))
        self.assertEqual(
            numbers(Rebate._next_references(self.company, date(2027, 1, 1), 1), 2027), [1]
        )
        # A company that wants no gaps gets them one by one, still in a row.
        sequence = self.env["ir.sequence"].search([("code", "=", "distributor.rebate")])
        sequence.implementation = "no_gap"
        gapless = numbers(Rebate._next_references(self.company, date(2026, 4, 2), 2), 2026)
        self.assertEqual(gapless[1], gapless[0] + 1)

    def test_a_distributor_is_given_more_time_by_a_channel_manager_only(self):
        """A later due date would turn late money into money paid on time: the extra rebate
        and the scorecard read it."""
        invoice = self.invoice(
            [(self.valve, 10_000)], date(2026, 2, 1), partner=self.buyer, due=date(2026, 3, 1)
        )
        receivable = invoice.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        for call in (
            lambda: invoice.with_user(self.accountant).write(
                {"invoice_date_due": date(2026, 4, 1)}
            ),
            lambda: receivable.with_user(self.accountant).write(
                {"date_maturity": date(2026, 4, 1)}
            ),
        ):
            self.assert_refused(
                AccessError,
                "only a Channel Manager gives a distributor more time",
                call,
                receivable,
                ["date_maturity"],
            )
        self.assertEqual(invoice.invoice_date_due, date(2026, 3, 1))
        # Less time is always allowed; more, by a Channel Manager who invoices.
        invoice.with_user(self.accountant).write({"invoice_date_due": date(2026, 2, 20)})
        self.assertEqual(receivable.date_maturity, date(2026, 2, 20))
        boss = new_test_user(
            self.env,
            "dm_boss_invoicing",
            groups="distributor_management.group_distributor_manager,"
            "account.group_account_invoice",
        )
        invoice.with_user(boss).write({"invoice_date_due": date(2026, 4, 1)})
        self.assertEqual(receivable.date_maturity, date(2026, 4, 1))
        # Any other customer's due dates are Odoo's as ever.
        other = self.invoice(
            [(self.valve, 500)],
            date(2026, 2, 1),
            partner=self.env["res.partner"].create({"name": "Walk-in buyer"}),
            due=date(2026, 3, 1),
        )
        other.with_user(self.accountant).write({"invoice_date_due": date(2026, 5, 1)})
        self.assertEqual(other.invoice_date_due, date(2026, 5, 1))

    def test_four_eyes_by_amount(self):
        invoice = self.invoice([(self.valve, 130_000)], date(2026, 2, 1), partner=self.buyer)
        self.pay(invoice, 110_000, date(2026, 3, 15))
        rebate = self.accrue()
        self.assert_refused(
            UserError, "four eyes", rebate.with_user(self.manager).action_approve, rebate, ["state"]
        )
        self.assert_refused(
            AccessError, "Channel Manager", rebate.with_user(self.rep).action_approve, rebate
        )
        self.assert_refused(
            AccessError, "Channel Manager", rebate.with_user(self.rep).action_cancel, rebate
        )
        # Above the company's amount, two Channel Managers decide one after the other.
        self.company.distributor_rebate_second_approval = 2_199.99
        rebate.with_user(self.manager2).action_approve()
        self.assertEqual((rebate.state, rebate.first_approver_id), ("accrued", self.manager2))
        self.assert_refused(
            UserError, "first approval", rebate.with_user(self.manager2).action_approve, rebate
        )
        third = new_test_user(
            self.env, "dm_mgr3", groups="distributor_management.group_distributor_manager"
        )
        rebate.with_user(third).action_approve()
        self.assertEqual((rebate.state, rebate.approved_by_id), ("approved", third))
        self.assert_refused(
            UserError, "accrued", rebate.with_user(third).action_approve, rebate, ["state"]
        )

    def test_at_the_threshold_one_approval(self):
        invoice = self.invoice([(self.valve, 130_000)], date(2026, 2, 1), partner=self.buyer)
        self.pay(invoice, 110_000, date(2026, 3, 15))
        rebate = self.accrue()
        self.company.distributor_rebate_second_approval = 2_200
        rebate.with_user(self.manager2).action_approve()
        self.assertEqual(rebate.state, "approved")

    def test_nobody_writes_the_ledger(self):
        invoice = self.invoice([(self.valve, 130_000)], date(2026, 2, 1), partner=self.buyer)
        self.pay(invoice, 110_000, date(2026, 3, 15))
        rebate = self.accrue()
        names = ["amount", "state", "base", "rate"]
        for user in (self.rep, self.manager):
            for vals in ({"amount": 99_999}, {"state": "approved"}, {"rate": 50, "base": 1}):
                self.assert_refused(
                    AccessError,
                    None,
                    lambda u=user, v=vals: rebate.with_user(u).write(v),
                    rebate,
                    names,
                )
            self.assert_refused(
                AccessError,
                None,
                lambda u=user: self.Rebate.with_user(u).create(
                    {"target_id": self.q1.id, "company_id": self.company.id, "amount": 5}
                ),
                model="distributor.rebate",
            )
            self.assert_refused(AccessError, None, rebate.with_user(user).unlink, rebate)
            self.assert_refused(
                AccessError,
                None,
                lambda u=user: rebate.with_user(u).copy(),
                model="distributor.rebate",
            )
        # Invoicing users and other representatives do not read it at all.
        for user in (self.accountant, self.rep2):
            self.assert_refused(
                AccessError, None, lambda u=user: rebate.with_user(u).read(["amount"])
            )
        # A rate written on the scheme of an agreement in force is refused too.
        tier = self.quarter.rebate_tier_ids[:1]
        self.assert_refused(
            UserError,
            "draft",
            lambda: tier.with_user(self.manager).write({"rate": 50}),
            tier,
            ["rate"],
        )
        self.assert_refused(
            UserError,
            "draft",
            lambda: self.quarter.with_user(self.manager).write(
                {"rebate_tier_ids": [Command.create({"attainment_from": 0, "rate": 50})]}
            ),
            model="distributor.rebate.tier",
        )

    def test_only_a_channel_manager_accrues_ended_periods(self):
        self.assert_refused(
            AccessError, "Channel Manager", self.quarter.with_user(self.rep).action_accrue_rebates
        )
        with freeze_time(datetime(2026, 3, 20, 12, 0)):
            self.assert_refused(
                UserError,
                "No target period has ended",
                self.quarter.with_user(self.manager).action_accrue_rebates,
                model="distributor.rebate",
            )

    def test_the_nightly_accrual_at_the_companys_midnight(self):
        self.company.partner_id.tz = "Asia/Shanghai"
        self.env.user.tz = "America/New_York"
        invoice = self.invoice([(self.valve, 130_000)], date(2026, 2, 1), partner=self.buyer)
        self.pay(invoice, 110_000, date(2026, 3, 15))
        # 15:59 UTC on 31 March is 23:59 in Shanghai: the quarter is not over.
        with freeze_time(datetime(2026, 3, 31, 15, 59)):
            self.Rebate._cron_accrue_rebates()
        self.assertFalse(self.Rebate.search([("target_id", "=", self.q1.id)]))
        with freeze_time(datetime(2026, 3, 31, 16, 0)):
            self.Rebate._cron_accrue_rebates()
        rebate = self.Rebate.search([("target_id", "=", self.q1.id)])
        self.assertEqual((rebate.amount, rebate.accrued_by_id), (2_200, self.env["res.users"]))
        # The job accrued it: any Channel Manager approves it.
        rebate.with_user(self.manager).action_approve()
        self.assertEqual(rebate.state, "approved")

    def report(self, partner, start, end):
        return (
            self.env["distributor.stock.report"]
            .with_user(self.rep)
            .create(
                {
                    "partner_id": partner.id,
                    "date_from": start,
                    "date_to": end,
                    "line_ids": [
                        Command.create({"product_id": self.valve.id, "qty_sold": 5, "qty_stock": 5})
                    ],
                }
            )
        )

    def test_extras_for_paying_on_time_and_reporting(self):
        """2 % from 100 %, plus 1 % for paying on time and 0.5 % for reporting every month,
        whatever the attainment."""
        wuxi = self.distributor("Wuxi Valves")
        agreement = self.agreement(
            [(self.jiangning, False)],
            lines=[self.control],
            start=Q1[0],
            end=Q1[1],
            partner_id=wuxi.id,
            rebate_tier_ids=[Command.create({"attainment_from": 100, "rate": 2})],
            rebate_on_time_rate=1,
            rebate_reporting_rate=0.5,
        )
        agreement.target_ids.amount = 100_000
        self.approve(agreement)

        def accrue():
            agreement.with_user(self.manager).action_accrue_rebates()
            rebate = self.Rebate.search([("target_id", "=", agreement.target_ids.id)])
            return (
                rebate.base,
                rebate.rate,
                rebate.extra_rate,
                rebate.paid_on_time_extra,
                rebate.reported_extra,
                rebate.earned,
            )

        invoice = self.invoice(
            [(self.valve, 80_000)], date(2026, 1, 10), partner=wuxi, due=date(2026, 2, 10)
        )
        self.pay(invoice, 80_000, date(2026, 2, 10))
        self.report(wuxi, date(2026, 1, 1), date(2026, 1, 31))
        self.report(wuxi, date(2026, 2, 1), date(2026, 2, 28))
        # 80 %: no tier; paid on its due date, but March not reported.
        self.assertEqual(accrue(), (80_000, 1, 1, True, False, 800))
        # An empty report, or one for the whole quarter, is not a report every month.
        march = (
            self.env["distributor.stock.report"]
            .with_user(self.rep)
            .create(
                {"partner_id": wuxi.id, "date_from": date(2026, 3, 1), "date_to": date(2026, 3, 31)}
            )
        )
        self.report(wuxi, Q1[0], Q1[1])
        self.assertEqual(accrue(), (80_000, 1, 1, True, False, 800))
        march.with_user(self.rep).line_ids = [
            Command.create({"product_id": self.valve.id, "qty_sold": 5, "qty_stock": 5})
        ]
        self.assertEqual(accrue(), (80_000, 1.5, 1.5, True, True, 1_200))
        # 20,000 more, five days late: 100 % reaches the tier, paying on time is lost.
        late = self.invoice(
            [(self.valve, 20_000)], date(2026, 3, 1), partner=wuxi, due=date(2026, 3, 20)
        )
        self.pay(late, 20_000, date(2026, 3, 25))
        self.assertEqual(accrue(), (100_000, 2.5, 0.5, False, True, 2_500))

    def test_no_extra_for_paying_on_time_without_money_due_or_with_late_money(self):
        wuxi = self.distributor("Wuxi Valves")
        agreement = self.agreement(
            [(self.jiangning, False)],
            start=Q1[0],
            end=Q1[1],
            partner_id=wuxi.id,
            rebate_on_time_rate=2,
        )
        self.approve(agreement)
        # Last year's invoice, paid in the quarter 76 days late; nothing fell due in it.
        old = self.invoice(
            [(self.valve, 100_000)], date(2025, 11, 1), partner=wuxi, due=date(2025, 12, 1)
        )
        self.pay(old, 100_000, date(2026, 2, 15))
        agreement.with_user(self.manager).action_accrue_rebates()
        self.assertFalse(self.Rebate.search([("agreement_id", "=", agreement.id)]))
        # Now something falls due in the quarter and is paid on time: the late money still
        # costs the extra.
        due = self.invoice(
            [(self.valve, 10_000)], date(2026, 1, 5), partner=wuxi, due=date(2026, 2, 5)
        )
        self.pay(due, 10_000, date(2026, 2, 5))
        agreement.with_user(self.manager).action_accrue_rebates()
        self.assertFalse(self.Rebate.search([("agreement_id", "=", agreement.id)]))

    def test_extras_alone_are_a_scheme(self):
        wuxi = self.distributor("Wuxi Valves")
        agreement = self.agreement(
            [(self.jiangning, False)], start=Q1[0], end=Q1[1], partner_id=wuxi.id
        )
        for rate in (-1, 101):
            self.assert_refused(
                Exception,
                "0 % and 100 %",
                lambda r=rate: agreement.with_user(self.rep).write({"rebate_on_time_rate": r}),
                agreement,
                ["rebate_on_time_rate"],
            )
        agreement.with_user(self.rep).rebate_on_time_rate = 1
        self.approve(agreement)
        self.assert_refused(
            UserError,
            "Only a draft",
            lambda: agreement.with_user(self.rep).write({"rebate_on_time_rate": 5}),
            agreement,
            ["rebate_on_time_rate"],
        )
        invoice = self.invoice(
            [(self.valve, 1_000)], date(2026, 1, 10), partner=wuxi, due=date(2026, 1, 20)
        )
        self.pay(invoice, 1_000, date(2026, 1, 10))
        agreement.with_user(self.manager).action_accrue_rebates()
        rebate = self.Rebate.search([("agreement_id", "=", agreement.id)])
        self.assertEqual((rebate.rate, rebate.earned), (1, 10))

    def test_bad_tiers_are_refused(self):
        draft = self.agreement([(self.jiangning, False)], lines=[self.control])
        for vals, message in (
            ({"attainment_from": -1, "rate": 2}, "0 %"),
            ({"attainment_from": 100, "rate": 101}, "100 %"),
            ({"attainment_from": 100, "rate": 2, "product_line_id": self.ball.id}, "not one"),
        ):
            self.assert_refused(
                Exception,
                message,
                lambda v=vals: draft.with_user(self.rep).write(
                    {"rebate_tier_ids": [Command.create(v)]}
                ),
                model="distributor.rebate.tier",
            )

    def test_a_representative_sets_the_scheme_in_the_form(self):
        draft = self.agreement([(self.jiangning, False)], lines=[self.control])
        with Form(draft.with_user(self.rep).with_context(tz="Asia/Shanghai")) as form:
            with form.rebate_tier_ids.new() as tier:
                tier.attainment_from = 100
                tier.rate = 2
            with form.rebate_tier_ids.new() as tier:
                tier.product_line_id = self.control
                tier.attainment_from = 110
                tier.rate = 2.5
        self.assertEqual(
            sorted(draft.rebate_tier_ids.mapped(lambda t: (t.attainment_from, t.rate))),
            [(100, 2), (110, 2.5)],
        )
        # The renewal copies the scheme.
        self.approve(draft)
        renewal = draft.browse(draft.action_renew()["res_id"])
        self.assertEqual(len(renewal.rebate_tier_ids), 2)

    def test_an_invoicing_user_cannot_lend_another_customers_money(self):
        """A posted line can be given another partner by hand (Odoo allows it before the lock
        date); the invoice stays the other customer's, and so does its money."""
        other = self.distributor("Another customer")
        invoice = self.invoice([(self.valve, 130_000)], date(2026, 2, 1), partner=other)
        self.pay(invoice, 130_000, date(2026, 3, 1))
        line = invoice.invoice_line_ids
        line.with_user(self.accountant).write({"partner_id": self.buyer.id})
        self.assertEqual(line.partner_id, self.buyer, "Odoo let the invoicing user do it")
        self.q1.invalidate_recordset()
        self.assertEqual((self.q1.sell_in, self.q1.collected), (0, 0))
        self.assertFalse(self.accrue())

    def test_the_target_names_its_agreement_period_and_line(self):
        self.env.user.lang = "en_US"
        self.assertEqual(
            self.q1.with_context(lang="en_US").display_name,
            f"{self.quarter.name} · 01/01/2026 – 03/31/2026",
        )

    def paid_invoice(self, amount=130_000, collected=110_000):
        invoice = self.invoice([(self.valve, amount)], date(2026, 2, 1), partner=self.buyer)
        self.pay(invoice, collected, date(2026, 3, 15))
        return invoice

    def test_context_defaults_decide_nothing(self):
        """The attacker's defaults: an approved or settled entry, a posted settlement."""
        self.paid_invoice()
        other = self.invoice([(self.pump, 1)], date(2026, 2, 1), partner=self.buyer)
        rebate = self.accrue(
            user=self.manager.with_context(
                default_state="settled",
                default_move_id=other.id,
                default_settled_amount=-130_000,
                default_approved_by_id=self.manager2.id,
            )
        )
        self.assertEqual(
            (rebate.state, rebate.approved_by_id, rebate.settled_amount, rebate.amount),
            ("accrued", self.env["res.users"], 0, 2_200),
        )
        self.assertFalse(rebate.sudo().move_id)
        rebate.with_user(self.manager2).action_approve()
        rebate.with_user(self.manager).with_context(
            default_state="posted", default_partner_id=self.partner.id
        ).action_settle()
        move = rebate.sudo().move_id
        self.assertEqual((move.state, move.partner_id), ("draft", self.buyer))

    def test_a_rewritten_credit_note_pays_what_it_was_made_for(self):
        self.paid_invoice()
        rebate = self.accrue()
        move = self.settle(rebate)
        # Odoo lets a stored figure of a posted move be written over RPC (Channel Credit,
        # when installed, refuses it); the ledger keeps what the note was made for.
        with contextlib.suppress(AccessError):
            move.with_user(self.accountant).write({"amount_untaxed_signed": 0})
        self.assertEqual(rebate.paid, 2_200)
        self.assertEqual(len(self.accrue()), 1, "nothing due again")

    def test_a_rewritten_invoice_total_lends_no_money(self):
        invoice = self.paid_invoice()
        with contextlib.suppress(AccessError):
            invoice.with_user(self.accountant).write({"amount_total": 0.01})
        self.q1.invalidate_recordset()
        self.assertEqual(self.q1.collected, 110_000)

    def test_a_matching_of_money_is_not_rewritten(self):
        invoice = self.paid_invoice()
        partial = invoice.line_ids.matched_credit_ids
        for vals in ({"max_date": date(2026, 1, 5)}, {"amount": 130_000}):
            self.assert_refused(
                AccessError,
                "unmatch",
                lambda v=vals: partial.with_user(self.accountant).write(v),
                partial,
                ["amount", "max_date"],
            )

    def test_the_representative_who_manages_does_not_approve_their_own(self):
        self.rep.groups_id += self.env.ref("distributor_management.group_distributor_manager")
        self.paid_invoice()
        rebate = self.accrue(user=self.manager2)
        self.assert_refused(
            UserError, "four eyes", rebate.with_user(self.rep).action_approve, rebate, ["state"]
        )
        # Re-accrued by the nightly job, it keeps who accrued it.
        self.pay(
            self.invoice([(self.valve, 1_000)], date(2026, 2, 2), partner=self.buyer),
            1_000,
            date(2026, 3, 16),
        )
        self.env["distributor.rebate"]._accrue(self.q1)
        self.assertEqual((rebate.amount, rebate.accrued_by_id), (2_220, self.manager2))

    def test_a_paid_out_rebate_is_not_money_paid_back(self):
        self.paid_invoice()
        rebate = self.accrue()
        move = self.settle(rebate)
        self.pay(move, 2_200, date(2026, 3, 20))
        self.q1.invalidate_recordset()
        self.assertEqual((self.q1.collected, self.q1.refunded), (110_000, 0))
        self.assertEqual(self.accrue(), rebate)

    def test_periods_after_a_termination_earn_nothing(self):
        monthly = self.agreement(
            [(self.jiangning, False)],
            lines=[self.control],
            start=Q1[0],
            end=Q1[1],
            partner_id=self.buyer.id,
            target_split="month",
            yearly_target=30_000,
            rebate_tier_ids=[Command.create({"attainment_from": 100, "rate": 2})],
        )
        monthly.action_split_target()
        self.approve(monthly, self.manager2)
        with freeze_time(self.local_instant(date(2026, 2, 10))):
            monthly.with_user(self.manager).action_terminate("Stopped paying")
        self.assertEqual(monthly.terminated_date, date(2026, 2, 10))
        invoice = self.invoice([(self.valve, 60_000)], date(2026, 1, 5), partner=self.buyer)
        self.pay(invoice, 10_000, date(2026, 1, 20))
        self.pay(invoice, 10_000, date(2026, 2, 20))
        self.pay(invoice, 10_000, date(2026, 3, 20))
        monthly.with_user(self.manager).action_accrue_rebates()
        earned = self.Rebate.search([("agreement_id", "=", monthly.id)])
        self.assertEqual(
            sorted(earned.mapped(lambda r: (r.date_from.month, r.amount))), [(1, 200), (2, 200)]
        )

    def test_a_clawback_is_settled_before_any_rebate_and_cancelled_by_another(self):
        invoice = self.paid_invoice(collected=120_000)
        first = self.accrue()
        self.settle(first)  # 3 % of 120,000 = 3,600 paid
        refund = self.invoice(
            [(self.valve, 20_000)], date(2026, 3, 20), partner=self.buyer, move_type="out_refund"
        )
        self.pay(refund, 20_000, date(2026, 3, 25))
        _first, claw = self.accrue()
        self.assertEqual(claw.amount, -1_600)
        # A rebate of another period of the same distributor waits for the claw-back.
        other_target = self.quarter.copy().target_ids
        other = self.Rebate.sudo().create(
            {"target_id": other_target.id, "company_id": self.company.id, "amount": 500}
        )
        self.assertEqual(other.state, "accrued")
        other.with_user(self.manager2).action_approve()
        self.assert_refused(
            UserError,
            "owes the claw-back",
            other.with_user(self.manager).action_settle,
            other,
            ["state"],
        )
        # Whoever accrued the claw-back does not cancel it away.
        self.assert_refused(
            UserError, "four eyes", claw.with_user(self.manager).action_cancel, claw, ["state"]
        )
        claw.with_user(self.manager2).action_approve()
        (claw | other).with_user(self.manager).action_settle()
        self.assertEqual((claw.state, other.state), ("settled", "settled"))
        self.assertEqual(invoice.amount_residual, 10_000)

from odoo import api, models

from .. import rules


class AccountPaymentTerm(models.Model):
    _inherit = "account.payment.term"

    @api.model
    def _channel_for_days(self, days):
        """The payment term "all of it ``days`` after the invoice date" of the current
        company (or shared): an existing one, else a new one."""
        company = self.env.company
        # As the system: a Credit Manager's term decision may need a payment term that only
        # accounting managers could configure by hand.
        candidates = self.sudo().search(
            [
                ("company_id", "in", [False, company.id]),
                ("early_discount", "=", False),
                ("line_ids.nb_days", "=", days),
            ]
        )
        for term in candidates:
            line = term.line_ids
            if (
                len(line) == 1
                and line.value == "percent"
                and line.value_amount == 100
                and line.delay_type == "days_after"
            ):
                return term.with_env(self.env)
        # Named in the company's language: the name is read on invoices sent to the customer.
        lang = company.partner_id.lang or self.env.lang
        name = self.with_context(lang=lang).env._("%(days)s Days (credit term)", days=days)
        return (
            self.sudo()
            .with_context(lang=lang)
            .create(
                {
                    "name": name,
                    "company_id": company.id,
                    "line_ids": [
                        (0, 0, {"value": "percent", "value_amount": 100, "nb_days": days})
                    ],
                }
            )
            .with_env(self.env)
        )

    def _channel_max_days(self):
        """The longest wait this term allows, in days: Odoo's own due-date computation over
        every invoice date of a leap year and the next, so month-end terms count what they
        really give ("End of Following Month" up to 61 days, "10 Days after End of Next Month"
        up to 71)."""
        self.ensure_one()
        return max(
            (
                (line._get_due_date(day) - day).days
                for day in rules.TERM_SAMPLE_DAYS
                for line in self.line_ids
            ),
            default=0,
        )

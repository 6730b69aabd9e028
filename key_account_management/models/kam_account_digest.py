"""The weekly digest to key-account managers, per company."""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.b2b_base import jobs


class KamAccount(models.Model):
    _inherit = "kam.account"

    @api.model
    def _cron_kam_weekly_digest(self):
        """Weekly: each company's key-account managers get the care digest in their inbox."""
        today = fields.Date.context_today(self)
        jobs.each_company(
            self.env["res.company"].sudo().search([]),
            lambda company: self._kam_send_digest(company, today),
            "Weekly care digest",
        )

    @api.model
    def _kam_send_digest(self, company, today):
        manager_group = self.env.ref("key_account_management.group_kam_manager")
        managers = manager_group.users.filtered(
            lambda u, c=company: c in u.company_ids and not u.share
        )
        if not managers:
            return
        data = self._kam_digest_data(company, today)
        for lang in set(managers.mapped("lang")):
            recipients = managers.filtered(lambda u, lang=lang: u.lang == lang)
            self_lang = self.with_context(lang=lang)
            body = self_lang.env["ir.qweb"]._render(
                "key_account_management.kam_weekly_digest", {**data, "company": company}
            )
            self_lang.env["mail.thread"].message_notify(
                partner_ids=recipients.partner_id.ids,
                subject=self_lang.env._(
                    "Key accounts: weekly care digest (%(company)s)", company=company.name
                ),
                body=body,
                model="res.company",
                res_id=company.id,
            )

    @api.model
    def _kam_digest_data(self, company, today, days=7):
        """What the weekly digest reports for one company over the last ``days`` days:
        overdue accounts, visits done per rep and follow-ups missed per rep."""
        since = today - relativedelta(days=days)
        Visit = self.env["kam.visit"].sudo()
        overdue = (
            self.sudo()
            .search([("company_id", "=", company.id), *self._kam_needs_visit_domain(today)])
            .sorted(lambda a: (a.next_visit_due, a.id))
        )
        done = Visit._read_group(
            [
                ("company_id", "=", company.id),
                ("state", "=", "done"),
                ("date_done", ">=", fields.Datetime.to_datetime(since)),
            ],
            ["user_id"],
            ["__count"],
        )
        missed = Visit._read_group(
            [("company_id", "=", company.id), *Visit._kam_follow_up_missed_domain(today)],
            ["user_id"],
            ["__count"],
        )
        return {
            "since": since,
            "today": today,
            "overdue": overdue,
            "done_per_rep": sorted(done, key=lambda row: -row[1]),
            "missed_per_rep": sorted(missed, key=lambda row: -row[1]),
        }

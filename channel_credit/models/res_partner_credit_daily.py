"""The daily credit job per company: expiring limits, holds, reviews, dunning, promises."""

from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.addons.b2b_base import clock, jobs
from odoo.tools import format_amount, format_date, plaintext2html

from .. import rules
from ..const import DAILY_BATCH
from ..rules import NO_FIGURES


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _cron_channel_credit_daily(self):
        """Expire temporary limits, set and lift holds from the overdue rule, schedule credit
        reviews and collection activities; per company, set-wise."""
        jobs.each_company(
            self.env["res.company"].search([]),
            # In the company's own day: overdue days, promises and dunning steps count from it,
            # not from the job's UTC date.
            lambda company: clock.company_env(self, company)._channel_credit_daily_company(company),
            "Daily credit job",
            progress=True,
        )

    def _channel_credit_daily_company(self, company):
        today = fields.Date.context_today(self)
        jobs.each_in_savepoint(
            self.search([("channel_temp_limit_until", "<", today)]),
            lambda partners: partners._channel_expire_temp_limit(),
            "Daily credit job",
            DAILY_BATCH,
        )
        controlled = self.search(
            [("channel_credit_policy", "!=", False), ("is_company", "=", True)]
        )
        figures = controlled._channel_credit_figures(company, overdue_only=True)
        review_type = self.env.ref("channel_credit.mail_activity_type_credit_review")
        collection = self.env.ref("channel_credit.mail_activity_type_collection")
        manager = company._channel_credit_manager()
        ladder = self.env["channel.dunning.step"].search([("company_id", "=", company.id)])
        ladder_days = ladder.mapped("days")
        steps = {}
        for partner in controlled:
            index = rules.dunning_step(
                figures.get(partner.id, NO_FIGURES).days_overdue(today), ladder_days
            )
            steps[partner] = ladder[index] if index is not None else ladder.browse()

        jobs.each_in_savepoint(
            controlled,
            lambda partners: partners._channel_update_holds(figures, today, steps),
            "Daily credit job",
            DAILY_BATCH,
        )
        wanted = defaultdict(list)
        for partner in controlled:
            review = partner.channel_review_date
            if review and review <= today + timedelta(days=7):
                wanted[partner].append((review_type, manager, review))
            fig = figures.get(partner.id, NO_FIGURES)
            if not ladder and fig.overdue > 0:
                # Without a dunning ladder: the salesperson collects, the manager from a day.
                wanted[partner].append((collection, partner.user_id or manager, today))
                if fig.days_overdue(today) > company.channel_escalation_days:
                    wanted[partner].append((collection, manager, today))
        jobs.each_in_savepoint(
            self.browse([p.id for p in wanted]),
            lambda partners: partners._channel_schedule_once(wanted),
            "Daily credit job",
            DAILY_BATCH,
        )
        if ladder:
            jobs.each_in_savepoint(
                controlled,
                lambda partners: partners._channel_dunning(steps, figures, today, manager),
                "Daily credit job",
                DAILY_BATCH,
            )
        self._channel_settle_promises(company, today, manager)

    def _channel_dunning(self, steps, figures, today, manager):
        """Schedule the dunning step each of these partners reached (``steps``), once per overdue
        episode, for whoever the step names, with its script filled in their language; a
        paid-up distributor starts again from the first step next time."""
        paid_up, reached = [], self.browse()
        for partner in self:
            step, done = steps[partner], partner.channel_dunning_step_id
            if not step:
                if done:
                    paid_up.append(partner.id)
            elif not done or done.days < step.days:
                reached |= partner
        self.browse(paid_up).channel_dunning_step_id = False
        collection = self.env.ref("channel_credit.mail_activity_type_collection")
        currency = self.env.company.currency_id
        activities, by_step = [], defaultdict(list)
        for partner in reached:
            step = steps[partner]
            fig = figures.get(partner.id, NO_FIGURES)
            user = manager if step.assign_to == "manager" else (partner.user_id or manager)
            own = step.with_context(lang=user.lang or self.env.lang)
            script = rules.fill_script(
                own.script or "",
                {
                    "partner": partner.display_name,
                    "overdue": format_amount(own.env, fig.overdue, currency),
                    "days": fig.days_overdue(today),
                    "oldest_due": format_date(own.env, fig.oldest_due),
                },
            )
            activities.append(
                partner._channel_activity_values(
                    collection, user, today, own.name, plaintext2html(script) if script else False
                )
            )
            by_step[step].append(partner.id)
        jobs.create_activities(self.env, activities)
        for step, ids in by_step.items():
            self.browse(ids).channel_dunning_step_id = step

    def _channel_settle_promises(self, company, today, manager):
        """Settle the promises whose date has passed: a broken one tells the Credit Manager
        and the salesperson once, in their language."""
        plans = self.env["channel.collection.plan"].search(
            [("company_id", "=", company.id), ("closed", "=", False), ("date", "<", today)]
        )
        for plan in plans:
            broken = plan.state == "broken"
            plan.write({"closed": True, "broken": broken})
            if not broken:
                continue
            partner = plan.partner_id.commercial_partner_id
            for user in manager | plan.user_id:
                own = plan.with_context(lang=user.lang or self.env.lang)
                partner.activity_schedule(
                    "channel_credit.mail_activity_type_collection",
                    user_id=user.id,
                    date_deadline=today,
                    summary=own.env._(
                        "Broken promise: %(amount)s due %(date)s, %(paid)s paid",
                        amount=format_amount(own.env, plan.amount, plan.currency_id),
                        date=format_date(own.env, plan.date),
                        paid=format_amount(own.env, plan.paid_amount, plan.currency_id),
                    ),
                )

    def _channel_expire_temp_limit(self):
        for partner in self:
            own = partner._channel_in_own_language()
            own.message_post(
                body=own.env._(
                    "Temporary credit limit of %(amount)s expired on %(date)s.",
                    amount=format_amount(
                        own.env, partner.channel_temp_limit, self.env.company.currency_id
                    ),
                    date=format_date(own.env, partner.channel_temp_limit_until),
                )
            )
        self.write({"channel_temp_limit": 0.0, "channel_temp_limit_until": False})

    def _channel_own_lang(self):
        """This partner's language (else its company's): what the daily job writes on the
        record is read by the people who deal with it, not in the job's language."""
        self.ensure_one()
        return self.lang or self.env.company.partner_id.lang or self.env.lang

    def _channel_in_own_language(self):
        return self.with_context(lang=self._channel_own_lang())

    def _channel_schedule_once(self, wanted):
        """Schedule what ``wanted`` lists for these partners ({partner: [(activity type, user,
        date)]}), one open activity of a type per partner and user: no duplicates day after
        day. One query for the set."""
        open_ones = {
            (a.res_id, a.activity_type_id, a.user_id)
            for a in self.env["mail.activity"].search_fetch(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)],
                ["res_id", "activity_type_id", "user_id"],
            )
        }
        activities = []
        for partner in self:
            for activity_type, user, date in wanted[partner]:
                if (partner.id, activity_type, user) in open_ones:
                    continue
                open_ones.add((partner.id, activity_type, user))
                activities.append(partner._channel_activity_values(activity_type, user, date))
        jobs.create_activities(self.env, activities)

    def _channel_activity_values(self, activity_type, user, date, summary=False, note=False):
        """A collection or review activity: the type's own summary and script unless given."""
        self.ensure_one()
        return jobs.activity_values(
            self,
            activity_type,
            user,
            date,
            summary or activity_type.summary,
            note or activity_type.default_note,
        )

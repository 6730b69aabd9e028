from collections import defaultdict

from odoo import api, fields, models
from odoo.addons.b2b_base import clock, guards, jobs
from odoo.exceptions import AccessError, UserError
from odoo.tools import plaintext2html

from ..const import (
    CARE_STATUS_SELECTION,
    CRON_BATCH,
    QUADRANT_HELP,
    QUADRANT_SELECTION,
    VALUE_CLASSES,
)

# Public res.partner names -> the kam.account field of the current company that backs them.
KAM_FIELDS = {
    "kam_is_key_account": "is_key_account",
    "kam_value_class": "value_class",
    "kam_revenue_12m": "revenue_12m",
    "kam_margin_12m": "margin_12m",
    "kam_potential_score": "potential_score",
    "kam_brand_influence": "brand_influence",
    "kam_government_influence": "government_influence",
    "kam_tier_id": "tier_id",
    "kam_tier_locked": "tier_locked",
    "kam_tier_lock_reason": "tier_lock_reason",
    "kam_purchase_potential": "purchase_potential",
    "kam_wallet_share": "wallet_share",
    "kam_quadrant": "quadrant",
    "kam_manager_id": "manager_id",
    "kam_next_visit_due": "next_visit_due",
    "kam_care_status": "care_status",
}
# A decision maker or coach who leaves (another company, none, archived) or changes position.
KEY_PERSON_FIELDS = {"parent_id", "active", "function"}
# Written through to the account, each only when given: a write of one of them leaves the
# others as they are. The account's rules decide who may (the tier: key-account managers).
KAM_WRITABLE = (
    "kam_potential_score",
    "kam_brand_influence",
    "kam_government_influence",
    "kam_purchase_potential",
    "kam_manager_id",
    "kam_tier_id",
    "kam_tier_locked",
    "kam_tier_lock_reason",
)


def _kam(field_type, *args, **kwargs):
    """A partner field read from (and, when editable, written to) the current company's
    key-account record of the commercial partner."""
    return field_type(*args, compute="_compute_kam_fields", **kwargs)


class ResPartner(models.Model):
    _inherit = "res.partner"

    kam_account_ids = fields.One2many("kam.account", "partner_id", string="Key-Account Records")
    kam_account_id = fields.Many2one("kam.account", compute="_compute_kam_fields")
    kam_currency_id = fields.Many2one("res.currency", compute="_compute_kam_fields")
    kam_is_key_account = _kam(
        fields.Boolean, string="Key Account", search="_search_kam_is_key_account"
    )
    kam_value_class = _kam(
        fields.Selection, VALUE_CLASSES, string="Value Class", search="_search_kam_value_class"
    )
    kam_revenue_12m = _kam(
        fields.Monetary, string="Revenue 12 Months", currency_field="kam_currency_id"
    )
    kam_margin_12m = _kam(
        fields.Monetary, string="Gross Margin 12 Months", currency_field="kam_currency_id"
    )
    kam_potential_score = _kam(fields.Integer, string="Potential Score", readonly=False)
    kam_brand_influence = _kam(fields.Boolean, string="Brand Influence", readonly=False)
    kam_government_influence = _kam(fields.Boolean, string="Government Influence", readonly=False)
    # Key-account managers pin a tier here as on the account (with a reason); anyone else is
    # refused by the account's rules, never silently ignored.
    kam_tier_id = _kam(
        fields.Many2one,
        "kam.tier",
        string="Tier",
        search="_search_kam_tier_id",
        readonly=False,
    )
    kam_tier_locked = _kam(fields.Boolean, string="Tier Pinned", readonly=False)
    kam_tier_lock_reason = _kam(fields.Char, string="Pin Reason", readonly=False)
    kam_purchase_potential = _kam(
        fields.Monetary,
        string="Purchase Potential",
        currency_field="kam_currency_id",
        readonly=False,
    )
    kam_wallet_share = _kam(fields.Float, string="Wallet Share")
    kam_quadrant = _kam(
        fields.Selection,
        QUADRANT_SELECTION,
        string="Offense/Defense Quadrant",
        search="_search_kam_quadrant",
        help=QUADRANT_HELP,
    )
    kam_manager_id = _kam(
        fields.Many2one,
        "res.users",
        string="Key Account Manager",
        readonly=False,
        search="_search_kam_manager_id",
    )

    kam_last_visit_date = fields.Date(
        string="Last Visit",
        compute="_compute_kam_last_visit_date",
        help="The day (in your time zone) the customer was last visited, key account or not.",
    )
    kam_next_visit_due = _kam(fields.Date, string="Next Visit Due")
    kam_care_status = _kam(
        fields.Selection,
        CARE_STATUS_SELECTION,
        string="Care Status",
        search="_search_kam_care_status",
    )
    kam_is_competitor = fields.Boolean(
        string="Competitor", help="Flag competitors to record what we learn about them."
    )
    kam_competitor_info_ids = fields.One2many(
        "kam.competitor.info", "competitor_id", string="Competitor Intelligence"
    )
    kam_competitor_info_count = fields.Integer(compute="_compute_kam_competitor_info_count")

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends_context("company")
    @api.depends(
        "commercial_partner_id",
        *(f"commercial_partner_id.kam_account_ids.{f}" for f in set(KAM_FIELDS.values())),
    )
    def _compute_kam_fields(self):
        accounts = self.env["kam.account"].search_fetch(
            [
                ("partner_id", "in", self.commercial_partner_id.ids),
                ("company_id", "=", self.env.company.id),
            ],
            ["partner_id", *set(KAM_FIELDS.values())],
        )
        by_partner = {account.partner_id: account for account in accounts}
        for partner in self:
            account = by_partner.get(partner.commercial_partner_id, self.env["kam.account"])
            partner.kam_account_id = account
            partner.kam_currency_id = self.env.company.currency_id
            for partner_field, account_field in KAM_FIELDS.items():
                partner[partner_field] = account[account_field]

    def _compute_kam_last_visit_date(self):
        # As superuser: the day the customer was last visited is the customer's, whoever
        # visited it; only that day is read, not the visit.
        rows = (
            self.env["kam.visit"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", self.commercial_partner_id.ids),
                    ("company_id", "=", self.env.company.id),
                    ("state", "=", "done"),
                ],
                ["partner_id"],
                ["date_done:max"],
            )
        )
        tz = clock.user_tz(self.env)
        last = {partner: clock.local_date(done, tz) for partner, done in rows}
        for partner in self:
            partner.kam_last_visit_date = last.get(partner.commercial_partner_id, False)

    def _compute_kam_competitor_info_count(self):
        counts = dict(
            self.env["kam.competitor.info"]._read_group(
                [("competitor_id", "in", self.ids)], ["competitor_id"], ["__count"]
            )
        )
        for partner in self:
            partner.kam_competitor_info_count = counts.get(partner, 0)

    def _search_kam_is_key_account(self, operator, value):
        return self._kam_search_domain("is_key_account", operator, value)

    def _search_kam_value_class(self, operator, value):
        return self._kam_search_domain("value_class", operator, value)

    def _search_kam_tier_id(self, operator, value):
        return self._kam_search_domain("tier_id", operator, value)

    def _search_kam_quadrant(self, operator, value):
        return self._kam_search_domain("quadrant", operator, value)

    def _search_kam_manager_id(self, operator, value):
        return self._kam_search_domain("manager_id", operator, value)

    def _search_kam_care_status(self, operator, value):
        return self._kam_search_domain("care_status", operator, value)

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    # Only this addon's fields are checked: the core ones keep the core's rules.
    @api.model_create_multi
    def create(self, vals_list):
        guards.check_input(self, vals_list, prefix="kam_", create=True)
        account_vals = []
        vals_list = self._kam_check_figures(vals_list)
        for vals in vals_list:
            account_vals.append(self._kam_pop_account_values(vals))
        partners = super().create(vals_list)
        for partner, values in zip(partners, account_vals, strict=True):
            if values:
                partner._kam_write_accounts(values)
        return partners

    def write(self, vals):
        guards.check_input(self, [vals], prefix="kam_")
        [vals] = self._kam_check_figures([vals], records=self)
        vals = dict(vals)
        account_vals = self._kam_pop_account_values(vals)
        before = self._kam_key_people() if KEY_PERSON_FIELDS & vals.keys() else {}
        res = super().write(vals) if vals else True
        if account_vals:
            self._kam_write_accounts(account_vals)
        if before:
            self._kam_check_key_people(before)
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_key_people_of_others(self):
        """Deleting a decision maker or coach would open their roles on other people's deals
        with nobody asked: archive them instead (the deals' owners then decide)."""
        if self.env.su:
            return
        roles = self._kam_key_roles().filtered(
            lambda r: r.lead_id._kam_change_decider() not in (self.env.user, None)
        )
        if roles:
            raise UserError(
                self.env._(
                    "%(people)s hold key roles on deals of others: archive them instead, and "
                    "the deals' owners decide.",
                    people=", ".join(roles.partner_id.mapped("name")),
                )
            )

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_open_kam_account(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "kam.account",
            "res_id": self.commercial_partner_id.kam_account_id.id,
            "view_mode": "form",
        }

    def action_kam_open_relationship(self):
        """This person's relationship profile in the current company, or a new one."""
        self.ensure_one()
        domain = [("partner_id", "=", self.id), ("company_id", "=", self.env.company.id)]
        profile = self.env["kam.relationship"].search(domain, limit=1)
        kept = not profile and self.env["kam.relationship"].sudo().search(domain, limit=1)
        if kept:
            # Say who keeps it rather than open an empty one the user cannot save.
            raise UserError(
                self.env._(
                    "%(user)s keeps %(person)s's relationship profile: ask them or a "
                    "key-account manager.",
                    user=kept.user_id.name or "-",
                    person=self.name,
                )
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "key_account_management.kam_relationship_action"
        )
        action.update(
            views=[(False, "form")],
            view_mode="form",
            res_id=profile.id,
            context={"default_partner_id": self.id},
        )
        return action

    def action_open_competitor_info(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "key_account_management.kam_competitor_info_action"
        )
        action["domain"] = [("competitor_id", "=", self.id)]
        action["context"] = {"default_competitor_id": self.id}
        return action

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _kam_check_figures(self, vals_list, records=None):
        """The key-account figures shown on a partner are the account's: written here they
        would be silently dropped, so they are refused with the reason."""
        names = {name for name in KAM_FIELDS if name not in KAM_WRITABLE}
        return guards.refuse_system_fields(self, vals_list, names, records=records)

    @api.model
    def _kam_pop_account_values(self, vals):
        """Take the key-account values out of a partner's ``vals``, as the account's fields."""
        return {KAM_FIELDS[name]: vals.pop(name) for name in KAM_WRITABLE if name in vals}

    def _kam_write_accounts(self, values):
        """Write ``values`` (the account's fields) on each partner's key-account record of the
        current company, or create it with the writer as its manager unless given: the
        account's own rules decide what may be written."""
        # Searched as superuser so that an account the user may not see is refused by the
        # access rules on write, rather than created a second time.
        accounts = (
            self.env["kam.account"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.commercial_partner_id.ids),
                    ("company_id", "=", self.env.company.id),
                ]
            )
        )
        by_partner = {account.partner_id: account.with_env(self.env) for account in accounts}
        if "manager_id" in values and not values["manager_id"]:
            values = {**values, "manager_id": self.env.uid}  # an account always has its rep
        for customer in self.commercial_partner_id:
            account = by_partner.get(customer)
            if account:
                account.write(values)
            else:
                self.env["kam.account"].create(
                    {
                        "manager_id": self.env.uid,
                        **values,
                        "partner_id": customer.id,
                        "company_id": self.env.company.id,
                    }
                )

    def _kam_key_roles(self):
        """The roles these people hold as decision maker or coach on open deals, whoever owns
        the deals (as superuser: a person leaving reaches every deal they are on)."""
        return (
            self.env["kam.deal.role"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.ids),
                    ("departed", "=", False),
                    "|",
                    ("is_coach", "=", True),
                    ("buying_role", "=", "decision_maker"),
                    ("lead_id.type", "=", "opportunity"),
                    ("lead_id.active", "=", True),
                    ("lead_id.stage_id.is_won", "=", False),
                ]
            )
        )

    def _kam_key_people(self):
        """{person: (customer, position)} of these contacts who are key people on open deals,
        as they are before a change."""
        return {
            partner: (partner.commercial_partner_id, partner.function)
            for partner in self._kam_key_roles().partner_id.with_env(self.env)
        }

    def _kam_check_key_people(self, before):
        """After a change: a key person who left their customer (or was archived) leaves their
        roles open again; one who changed position must be won again. That is each deal
        owner's decision: a change its owner made applies at once, anyone else's waits for
        the owner to confirm it (kam.deal.role.pending_change)."""
        left, moved = self.browse(), self.browse()
        for partner, (customer, function) in before.items():
            if not partner.active or partner.commercial_partner_id != customer:
                left |= partner
            elif (partner.function or "") != (function or ""):
                moved |= partner
        if not (left or moved):
            return
        roles = (
            (left | moved)
            .with_context(active_test=False)
            ._kam_key_roles()
            .filtered(
                lambda r: r.lead_id.partner_id.commercial_partner_id == before[r.partner_id][0]
            )
        )
        owned = roles.filtered(lambda r: r.lead_id._kam_change_decider() in (self.env.user, None))
        owned._kam_apply_change(left, before)
        (roles - owned)._kam_ask_owner(left, before)

    def _kam_key_person_changed(self, roles, left, before):
        """Tell the deals and the account managers of a key-person change (``roles``: the
        roles it reopened; ``left``: the people who left; ``before``: their customer and
        position before). Each reads it in their own language."""
        for lead in roles.lead_id:
            people = roles.filtered(lambda r, lead=lead: r.lead_id == lead).partner_id
            own = self.with_context(lang=lead.user_id.lang or self.env.lang)
            lead.message_post(
                body=plaintext2html("\n".join(own._kam_key_person_lines(people, left, before))),
                subtype_xmlid="mail.mt_note",
            )
        accounts = defaultdict(lambda: self.env["kam.deal.role"])
        for role in roles:
            accounts[role.lead_id.partner_id.commercial_partner_id, role.lead_id.company_id] |= role
        for (customer, company), account_roles in accounts.items():
            account = (
                self.env["kam.account"]
                .sudo()
                .search([("partner_id", "=", customer.id), ("company_id", "=", company.id)])
            )
            user = account.manager_id or account_roles.lead_id[:1].user_id
            if not user:
                continue
            own = self.with_context(lang=user.lang or self.env.lang)
            lines = own._kam_key_person_lines(account_roles.partner_id, left, before)
            (account or account_roles.lead_id[:1]).activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=user.id,
                summary=own.env._("Key person change at %(customer)s", customer=customer.name),
                note=plaintext2html("\n".join(lines)),
            )

    def _kam_key_person_lines(self, people, left, before):
        lines = []
        for person in people:
            customer, function = before[person]
            if person in left:
                lines.append(
                    self.env._(
                        "%(person)s left %(customer)s: the roles they held on open deals are "
                        "open again.",
                        person=person.name,
                        customer=customer.name,
                    )
                )
            else:
                lines.append(
                    self.env._(
                        "%(person)s changed position (%(old)s to %(new)s): win their support "
                        "again.",
                        person=person.name,
                        old=function or "-",
                        new=person.function or "-",
                    )
                )
        return lines

    def _kam_search_domain(self, account_field, operator, value):
        """Partners whose commercial partner's key-account record (current company) matches.
        "Is not set" also matches partners that have no key-account record at all."""
        company = [("company_id", "=", self.env.company.id)]
        if operator == "=" and value is False:
            has_value = [*company, (account_field, "!=", False)]
            return [("commercial_partner_id.kam_account_ids", "not any", has_value)]
        matching = [*company, (account_field, operator, value)]
        return [("commercial_partner_id.kam_account_ids", "any", matching)]

    def kam_recompute_tiers(self):
        """Re-tier these partners (all key-account candidates when empty) in the user's
        companies, or in every company when run by the scheduled action."""
        if not self.env.su and not self.env.user.has_group(
            "key_account_management.group_kam_manager"
        ):
            raise AccessError(self.env._("Only key-account managers can re-tier accounts."))
        cron_batch = self.env.context.get("ir_cron_progress_id") and CRON_BATCH
        partner_ids = set(self.commercial_partner_id.ids) if self else None
        companies = self.env["res.company"].sudo().search([]) if self.env.su else self.env.companies
        Account = self.env["kam.account"]
        done = remaining = 0
        for company in companies:
            limit = max(cron_batch - done, 0) if cron_batch else None

            def retier(company, limit=limit):
                return Account._kam_recompute_company(company, partner_ids, limit)

            if cron_batch:
                # The scheduled action skips (and logs) a company whose data breaks it.
                results = jobs.each_company(company, retier, "Re-tiering")
                written, left = results[0] if results else (0, 0)
            else:
                written, left = retier(company)
            done, remaining = done + written, remaining + left
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done

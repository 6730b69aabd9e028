import math
from datetime import timedelta

from odoo import api, fields, models
from odoo.addons.b2b_base import clock
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import create_index, format_date

from .. import rules
from ..const import MANAGER_GROUP, MEETING_OUTCOMES, VISIT_TYPES

CHECKIN_FIELDS = {"checkin_latitude", "checkin_longitude", "checkin_time", "checkin_distance_m"}
# A done visit is history: who went where, when, whom they met and what was said. Reps cannot
# rewrite it; key-account managers may correct it with a reason, posted in the chatter.
DONE_FIELDS = {
    "partner_id",
    "user_id",
    "company_id",
    "lead_id",
    "contact_ids",
    "visit_type",
    "date_planned",
    "date_done",
    *CHECKIN_FIELDS,
    "purpose",
    "plan",
    "summary",
    "customer_feedback",
    "outcome",
    "next_step",
    "next_step_date",
    "competitor_notes",
    "satisfaction",
}
# A completion date may be given a little ahead of the server clock (time zones, clock skew).
DONE_DATE_SLACK = timedelta(days=1)


class KamVisit(models.Model):
    _name = "kam.visit"
    _description = "Customer Visit"
    _inherit = ["mail.thread", "mail.activity.mixin", "kam.input.mixin"]
    _order = "date_planned desc, id desc"
    _rec_names_search = ["partner_id"]
    _check_company_auto = True

    # Composed when read, in the reader's language (the visit type is a translated label).
    name = fields.Char(compute="_compute_name")
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        # Customers and prospects, not vendors.
        domain="[('parent_id', '=', False), "
        "'|', ('supplier_rank', '=', 0), ('customer_rank', '>', 0)]",
    )
    contact_ids = fields.Many2many(
        "res.partner",
        string="Contacts Met",
        domain="[('commercial_partner_id', '=', partner_id), ('is_company', '=', False)]",
    )
    lead_id = fields.Many2one(
        "crm.lead", string="Opportunity", index=True, check_company=True, tracking=True
    )
    user_id = fields.Many2one(
        "res.users", string="Rep", required=True, index=True, default=lambda self: self.env.user
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    visit_type = fields.Selection(
        VISIT_TYPES,
        string="Type",
        required=True,
        default="onsite",
    )
    date_planned = fields.Datetime(
        string="Planned Date", required=True, default=fields.Datetime.now
    )
    date_done = fields.Datetime(string="Done On", readonly=True, copy=False)
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    purpose = fields.Text(help="Why we go: what this visit must achieve.")
    plan = fields.Text(help="What we will say and ask.")
    summary = fields.Text(string="Talking Points", help="What was said.")
    customer_feedback = fields.Text(string="Customer's View")
    outcome = fields.Selection(MEETING_OUTCOMES, tracking=True)
    next_step = fields.Char(tracking=True)
    next_step_date = fields.Date(tracking=True)
    competitor_notes = fields.Text(string="Competitor Intelligence")
    satisfaction = fields.Selection(
        [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")],
        string="Rating (1 to 5)",
        help="How satisfied the customer was with the visit: 1 (very unhappy) to 5 "
        "(delighted); optional.",
    )
    satisfaction_value = fields.Integer(compute="_compute_satisfaction_value", store=True)
    competitor_info_ids = fields.One2many(
        "kam.competitor.info", "visit_id", string="Competitor Intelligence Records"
    )
    gift_request_ids = fields.One2many("kam.gift.request", "visit_id", string="Gift Requests")
    gift_request_count = fields.Integer(compute="_compute_gift_request_count")
    follow_up_missed = fields.Boolean(
        compute="_compute_follow_up_missed",
        search="_search_follow_up_missed",
        help="The next-step date has passed and its follow-up activity is still open.",
    )
    overdue = fields.Boolean(
        compute="_compute_overdue",
        search="_search_overdue",
        help="Still planned, for a day that has passed (the user's day).",
    )
    checkin_latitude = fields.Float(
        string="Check-in Latitude", digits=(10, 7), readonly=True, copy=False
    )
    checkin_longitude = fields.Float(
        string="Check-in Longitude", digits=(10, 7), readonly=True, copy=False
    )
    checkin_time = fields.Datetime(string="Checked In At", readonly=True, copy=False)
    checkin_distance_m = fields.Float(
        string="Distance from Customer (m)",
        digits=(16, 0),
        readonly=True,
        help="From the customer's coordinates, when both are known.",
    )
    # Given with each correction of a done visit and posted in the chatter, not stored.
    correction_reason = fields.Text(
        compute="_compute_correction_reason",
        inverse="_inverse_correction_reason",
        help="Why this completed visit is corrected: required with every correction and "
        "kept in the chatter.",
    )
    can_correct = fields.Boolean(
        compute="_compute_can_correct", help="Whether the user may correct a completed visit."
    )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    def _compute_correction_reason(self):
        self.correction_reason = False

    def _inverse_correction_reason(self):
        """Read by write() from its values, which post it in the chatter."""

    @api.depends_context("uid")
    def _compute_can_correct(self):
        self.can_correct = self.env.user.has_group(MANAGER_GROUP)

    @api.depends("satisfaction")
    def _compute_satisfaction_value(self):
        for visit in self:
            visit.satisfaction_value = int(visit.satisfaction or 0)

    @api.depends("gift_request_ids")
    def _compute_gift_request_count(self):
        for visit in self:
            visit.gift_request_count = len(visit.gift_request_ids)

    def _compute_follow_up_missed(self):
        self._kam_set_flag("follow_up_missed", self._kam_follow_up_missed_domain())

    def _search_follow_up_missed(self, operator, value):
        return self._kam_search_flag(
            "follow_up_missed", self._kam_follow_up_missed_domain(), operator, value
        )

    @api.depends("state", "date_planned")
    @api.depends_context("tz")
    def _compute_overdue(self):
        self._kam_set_flag("overdue", self._kam_overdue_domain())

    def _search_overdue(self, operator, value):
        return self._kam_search_flag("overdue", self._kam_overdue_domain(), operator, value)

    @api.depends("partner_id", "visit_type")
    @api.depends_context("lang")
    def _compute_name(self):
        types = dict(self._fields["visit_type"]._description_selection(self.env))
        for visit in self:
            visit.name = " - ".join(
                filter(None, [visit.partner_id.name, types.get(visit.visit_type)])
            )

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("checkin_latitude", "checkin_longitude")
    def _check_coordinates(self):
        for visit in self:
            if (
                not -90 <= visit.checkin_latitude <= 90
                or not -180 <= visit.checkin_longitude <= 180
            ):
                raise ValidationError(
                    self.env._("A latitude lies within ±90° and a longitude within ±180°.")
                )

    @api.constrains("contact_ids", "partner_id", "company_id")
    def _check_contacts(self):
        # As superuser: the contacts' companies matter here, whoever may read them.
        for visit in self.sudo():
            customer = visit.partner_id.commercial_partner_id
            if any(
                contact.commercial_partner_id != customer
                or (contact.company_id and contact.company_id != visit.company_id)
                for contact in visit.contact_ids
            ):
                raise ValidationError(
                    self.env._(
                        "The contacts met must be people of %(customer)s, in the visit's "
                        "company.",
                        customer=customer.display_name,
                    )
                )

    @api.constrains("date_done")
    def _check_date_done(self):
        latest = fields.Datetime.now() + DONE_DATE_SLACK
        if any(visit.date_done and visit.date_done > latest for visit in self):
            raise ValidationError(self.env._("A visit cannot be completed in the future."))

    @api.constrains("lead_id", "partner_id")
    def _check_lead_customer(self):
        for visit in self.filtered("lead_id"):
            customer = visit.lead_id.partner_id.commercial_partner_id
            if customer and customer != visit.partner_id:
                raise ValidationError(
                    self.env._(
                        "The opportunity %(lead)s belongs to another customer.",
                        lead=visit.lead_id.name,
                    )
                )

    # -------------------------------------------------------------------------
    # ONCHANGE METHODS
    # -------------------------------------------------------------------------

    @api.onchange("partner_id", "date_planned", "company_id")
    def _onchange_care_rhythm(self):
        """Warn, without blocking, when a visit is planned sooner than the tier's minimum
        interval (over-care). Only from an account the user may read: the warning must not
        tell a rep when another rep's account was visited."""
        if not (self.partner_id and self.date_planned):
            return None
        account = self.env["kam.account"].search(
            [("partner_id", "=", self.partner_id.id), ("company_id", "=", self.company_id.id)],
            limit=1,
        )
        min_days, last = account.min_visit_days, account.last_visit_date
        planned = fields.Date.context_today(self, self.date_planned)
        if not (min_days and last) or (planned - last).days >= min_days:
            return None
        return {
            "warning": {
                "title": self.env._("Over-care"),
                "message": self.env._(
                    "%(customer)s was visited on %(last)s; its tier asks for at least %(days)s "
                    "days between visits.",
                    customer=self.partner_id.name,
                    last=last,
                    days=min_days,
                ),
            }
        }

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    def init(self):
        # The care refresh reads each account's latest done visits.
        create_index(
            self.env.cr,
            "kam_visit_care_idx",
            self._table,
            ["company_id", "partner_id", "date_done DESC"],
            where="state = 'done'",
        )

    @api.model_create_multi
    def create(self, vals_list):
        # A visit created done or cancelled goes through write(), so the same rules apply; a
        # default state (context, user default) counts as given.
        defaults = self.default_get(["state", "user_id"])
        default_state = defaults.get("state") or "planned"
        closings = []
        for vals in vals_list:
            if not self.env.su:
                self._check_rep(vals.get("user_id", defaults.get("user_id")))
            closing = {}
            state = vals.get("state") or default_state
            vals["state"] = "planned"
            if state != "planned":
                closing["state"] = state
                if "date_done" in vals:
                    closing["date_done"] = vals.pop("date_done")
            closings.append(closing)
        visits = super().create(vals_list)
        if not self.env.su:
            visits._check_new_visits(closings)
        for visit, closing in zip(visits, closings, strict=True):
            if closing:
                visit.write(closing)
        return visits

    def write(self, vals):
        """Completing a visit is checked here, not only in its button, so an RPC write of the
        state cannot skip the rules or the follow-up. So are the rep, the check-in and the
        history of a done visit (see _check_changes)."""
        if "state" in vals and any(visit.state != "planned" for visit in self):
            if vals["state"] == "done":
                raise UserError(self.env._("Only a planned visit can be completed."))
            raise UserError(self.env._("A completed or cancelled visit keeps its status."))
        corrected = self.browse() if self.env.su else self._check_changes(vals)
        if corrected:
            before = {(visit.company_id, visit.partner_id) for visit in corrected}
            res = super().write(vals)
            corrected._log_correction(vals, before)
            return res
        if vals.get("state") != "done":
            return super().write(vals)
        # Only the superuser (data migration, demo data) may record a visit done in the past.
        if not (self.env.su and vals.get("date_done")):
            vals = {**vals, "date_done": fields.Datetime.now()}
        reference = fields.Date.context_today(self, fields.Datetime.to_datetime(vals["date_done"]))
        for visit in self:
            visit._check_can_close(reference, vals)
        res = super().write(vals)
        for visit in self:
            visit.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=visit.next_step_date,
                summary=visit.next_step,
                user_id=visit.user_id.id,
            )
        self._mark_contacts_met(reference)
        self._kam_update_care(fields.Date.context_today(self))
        return res

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_checkin(self, latitude, longitude):
        """Record where and when the rep started the visit (the browser's geolocation)."""
        self.ensure_one()
        if self.state != "planned":
            raise UserError(self.env._("Only a planned visit can be checked in."))
        if not (_is_coordinate(latitude) and _is_coordinate(longitude)):
            # No position (location denied, no fix) is not the point 0,0.
            raise UserError(
                self.env._(
                    "The check-in needs the phone's position: allow location access and try "
                    "again."
                )
            )
        self.check_access("write")
        vals = {
            "checkin_latitude": latitude,
            "checkin_longitude": longitude,
            "checkin_time": fields.Datetime.now(),
            "checkin_distance_m": 0.0,
        }
        partner = self.partner_id
        if (partner.partner_latitude or partner.partner_longitude) and (
            _is_coordinate(partner.partner_latitude) and _is_coordinate(partner.partner_longitude)
        ):
            vals["checkin_distance_m"] = rules.distance_m(
                latitude, longitude, partner.partner_latitude, partner.partner_longitude
            )
        # As superuser: write() lets the check-in fields come from this button only.
        self.sudo().write(vals)
        return True

    def action_done(self):
        """Close the visit: talking points, outcome and a next step within the follow-up
        window are required; schedules the follow-up and marks the contacts as met."""
        self.write({"state": "done"})
        return True

    def action_open_complete(self):
        """The completion dialog: the outcome and the next step are saved with the visit's
        completion, in one write, or not at all."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Complete the Visit"),
            "res_model": "kam.visit.complete",
            "view_mode": "form",
            "target": "new",
            "context": {"default_visit_id": self.id},
        }

    def action_open_gift_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "key_account_management.kam_gift_request_action"
        )
        action["domain"] = [("visit_id", "=", self.id)]
        action["context"] = {"default_visit_id": self.id, "default_partner_id": self.partner_id.id}
        return action

    def action_cancel(self):
        self.filtered(lambda v: v.state == "planned").write({"state": "cancelled"})
        return True

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _kam_set_flag(self, name, domain):
        """A flag defined by a domain: set on each of these visits that matches it."""
        matching = self.filtered_domain(domain)
        for visit in self:
            visit[name] = visit in matching

    @api.model
    def _kam_search_flag(self, name, domain, operator, value):
        """The search of a flag defined by ``domain``: = or != True or False."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                self.env._(
                    "Unsupported search on %(field)s.",
                    field=self._fields[name]._description_string(self.env),
                )
            )
        return domain if (operator == "=") == value else ["!", *expression.normalize_domain(domain)]

    @api.model
    def _kam_overdue_domain(self):
        today = fields.Date.context_today(self)
        day_begins, _end = clock.utc_bounds(today, today, clock.user_tz(self.env))
        return [("state", "=", "planned"), ("date_planned", "<", day_begins)]

    @api.model
    def _kam_follow_up_missed_domain(self, today=None):
        today = today or fields.Date.context_today(self)
        return [
            ("state", "=", "done"),
            ("next_step_date", "<", today),
            ("activity_ids", "any", [("date_deadline", "<", today)]),
        ]

    def _check_changes(self, vals):
        """Refuse what a user may not change (the superuser is not checked). Returns the done
        visits a key-account manager corrects."""
        is_manager = self.env.user.has_group(MANAGER_GROUP)
        if "user_id" in vals:
            self._check_rep(vals["user_id"])
        done = self.filtered(lambda v: v.state == "done")
        if done and DONE_FIELDS & vals.keys():
            if not is_manager:
                raise AccessError(
                    self.env._(
                        "A completed visit is history: only a key-account manager can correct it."
                    )
                )
            if not (vals.get("correction_reason") or "").strip():
                raise UserError(self.env._("Give the reason for correcting this completed visit."))
        others = self - done
        if others and CHECKIN_FIELDS & vals.keys():
            raise AccessError(self._checkin_message())
        if others and "date_done" in vals and vals.get("state") != "done":
            raise AccessError(self._date_done_message())
        for name in ("checkin_latitude", "checkin_longitude"):
            if name in vals and not _is_coordinate(vals[name]):
                raise ValidationError(
                    self.env._("A check-in position needs a latitude and a longitude.")
                )
        return done if DONE_FIELDS & vals.keys() else self.browse()

    def _check_rep(self, user_id):
        """Reps plan their own visits; key-account managers assign them to anyone."""
        if user_id != self.env.uid and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._(
                    "You can only plan visits for yourself: a key-account manager assigns "
                    "visits to other reps."
                )
            )

    def _check_new_visits(self, closings):
        """What create() may not do that write() refuses: bring its own check-in, or a
        completion date on a visit that is not being completed (defaults included)."""
        for visit, closing in zip(self, closings, strict=True):
            if any(visit[name] for name in CHECKIN_FIELDS):
                raise AccessError(self._checkin_message())
            if visit.date_done and closing.get("state") != "done":
                raise AccessError(self._date_done_message())

    def _checkin_message(self):
        return self.env._("The check-in is recorded by the Check-in button only.")

    def _date_done_message(self):
        return self.env._("The completion date is set when the visit is completed.")

    def _log_correction(self, vals, before):
        """A key-account manager corrected these done visits: the reason and the corrected
        fields go to the chatter, and the care status follows a moved date, customer or
        company (``before``: their (company, customer) pairs before the change)."""
        names = sorted(DONE_FIELDS & vals.keys())
        labels = ", ".join(self._fields[name]._description_string(self.env) for name in names)
        for visit in self:
            visit.message_post(
                body=self.env._(
                    "Corrected after completion (%(fields)s): %(reason)s",
                    fields=labels,
                    reason=vals["correction_reason"].strip(),
                ),
                subtype_xmlid="mail.mt_note",
            )
        self.invalidate_recordset(["correction_reason"])
        if {"date_done", "partner_id", "company_id"} & vals.keys():
            today = fields.Date.context_today(self)
            moved = before | {(visit.company_id, visit.partner_id) for visit in self}
            Account = self.env["kam.account"].sudo()
            for company in {company for company, _partner in moved}:
                partners = [p.id for c, p in moved if c == company]
                Account._kam_refresh_care(company, today, partners)

    def _check_can_close(self, today, vals):
        """Raise unless the visit, with ``vals`` written over it, may be completed on
        ``today``: every problem in one message."""
        self.ensure_one()

        def value(name):
            return vals[name] if name in vals else self[name]

        problems = []
        visit_day = fields.Date.context_today(
            self, fields.Datetime.to_datetime(value("date_planned"))
        )
        if visit_day > today:
            problems.append(
                self.env._(
                    "The visit is planned for %(date)s: complete it on that day or later.",
                    date=format_date(self.env, visit_day),
                )
            )
        missing = [
            label
            for label, given in (
                (self.env._("talking points"), (value("summary") or "").strip()),
                (self.env._("an outcome"), value("outcome")),
                (self.env._("a next step"), (value("next_step") or "").strip()),
            )
            if not given
        ]
        if missing:
            problems.append(
                self.env._("To complete the visit, add %(missing)s.", missing=", ".join(missing))
            )
        max_days = self.company_id.kam_followup_days
        next_step_date = fields.Date.to_date(value("next_step_date"))
        # The window runs from the day the visit is done (today), not the day it was planned.
        problem = rules.follow_up_problem(next_step_date, today, today, max_days)
        if problem:
            problems.append(
                {
                    "missing": self.env._("Give the next step a date."),
                    "past": self.env._("The next step cannot be in the past."),
                    "too_late": self.env._(
                        "Follow up within %(days)s days of the visit: by %(date)s at the latest.",
                        days=max_days,
                        date=format_date(
                            self.env, rules.follow_up_deadline(today, today, max_days)
                        ),
                    ),
                }[problem]
            )
        if problems:
            raise UserError("\n".join(problems))

    def _kam_update_care(self, today):
        """A completed visit moves its account's care status now, not at the nightly run, and
        closes the account manager's "visit overdue" activity."""
        Account = self.env["kam.account"].sudo()
        for company in self.company_id:
            visits = self.filtered(lambda v, c=company: v.company_id == c)
            Account._kam_refresh_care(company, today, visits.partner_id.ids)
            Account.search(
                [("partner_id", "in", visits.partner_id.ids), ("company_id", "=", company.id)]
            ).activity_feedback(["key_account_management.mail_activity_type_kam_visit"])

    def _mark_contacts_met(self, today):
        """The contacts met count as contacted on the customer's open deals: those whose
        buying roles the user may see (a rep's own deals), not every rep's."""
        if not self.env["crm.lead"].has_access("read"):
            return  # a key-account user without the Sales app sees no deals
        roles = self.env["kam.deal.role"].search(
            [
                ("partner_id", "in", self.contact_ids.ids),
                ("lead_id.active", "=", True),
                ("lead_id.type", "=", "opportunity"),
            ]
        )
        roles.write({"last_contact_date": today})


def _is_coordinate(value):
    """A finite number of degrees (range checks are the constraint's), not None or a bool."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)

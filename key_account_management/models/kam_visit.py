from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import create_index

from .. import rules

MEETING_OUTCOMES = [
    ("order", "Order"),
    ("advance", "Advance"),
    ("continuation", "Continuation"),
    ("no_sale", "No Sale"),
]


class KamVisit(models.Model):
    _name = "kam.visit"
    _description = "Customer Visit"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_planned desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('parent_id', '=', False)]",
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
        [
            ("onsite", "On-site Visit"),
            ("phone", "Phone"),
            ("video", "Video"),
            ("reception", "Reception at Our Site"),
            ("event", "Event"),
        ],
        string="Type",
        required=True,
        default="onsite",
    )
    date_planned = fields.Datetime(string="Planned", required=True, default=fields.Datetime.now)
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
        help="1 (very unhappy) to 5 (delighted); optional.",
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

    def init(self):
        # The care refresh reads each account's latest done visits.
        create_index(
            self.env.cr,
            "kam_visit_care_idx",
            self._table,
            ["company_id", "partner_id", "date_done DESC"],
            where="state = 'done'",
        )

    @api.depends("satisfaction")
    def _compute_satisfaction_value(self):
        for visit in self:
            visit.satisfaction_value = int(visit.satisfaction or 0)

    @api.depends("gift_request_ids")
    def _compute_gift_request_count(self):
        for visit in self:
            visit.gift_request_count = len(visit.gift_request_ids)

    def _compute_follow_up_missed(self):
        missed = self.filtered_domain(self._kam_follow_up_missed_domain())
        for visit in self:
            visit.follow_up_missed = visit in missed

    def _search_follow_up_missed(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on missed follow-ups."))
        domain = self._kam_follow_up_missed_domain()
        return domain if (operator == "=") == value else ["!", *expression.normalize_domain(domain)]

    @api.model
    def _kam_follow_up_missed_domain(self, today=None):
        today = today or fields.Date.context_today(self)
        return [
            ("state", "=", "done"),
            ("next_step_date", "<", today),
            ("activity_ids", "any", [("date_deadline", "<", today)]),
        ]

    @api.depends("partner_id", "visit_type", "date_planned")
    def _compute_name(self):
        types = dict(self._fields["visit_type"]._description_selection(self.env))
        for visit in self:
            visit.name = " - ".join(
                filter(None, [visit.partner_id.name, types.get(visit.visit_type)])
            )

    @api.onchange("partner_id", "date_planned", "company_id")
    def _onchange_care_rhythm(self):
        """Warn, without blocking, when a visit is planned sooner than the tier's minimum
        interval (over-care)."""
        if not (self.partner_id and self.date_planned):
            return None
        account = (
            self.env["kam.account"]
            .sudo()
            .search(
                [("partner_id", "=", self.partner_id.id), ("company_id", "=", self.company_id.id)],
                limit=1,
            )
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

    def action_checkin(self, latitude, longitude):
        """Record where and when the rep started the visit (the browser's geolocation)."""
        self.ensure_one()
        if self.state != "planned":
            raise UserError(self.env._("Only a planned visit can be checked in."))
        vals = {
            "checkin_latitude": latitude,
            "checkin_longitude": longitude,
            "checkin_time": fields.Datetime.now(),
            "checkin_distance_m": 0.0,
        }
        partner = self.partner_id
        if partner.partner_latitude or partner.partner_longitude:
            vals["checkin_distance_m"] = rules.distance_m(
                latitude, longitude, partner.partner_latitude, partner.partner_longitude
            )
        self.write(vals)
        return True

    @api.model_create_multi
    def create(self, vals_list):
        # A visit created done or cancelled goes through write(), so the same rules apply.
        closings = []
        for vals in vals_list:
            closing = {}
            if vals.get("state", "planned") != "planned":
                closing["state"] = vals.pop("state")
                if "date_done" in vals:
                    closing["date_done"] = vals.pop("date_done")
            closings.append(closing)
        visits = super().create(vals_list)
        for visit, closing in zip(visits, closings, strict=True):
            if closing:
                visit.write(closing)
        return visits

    def write(self, vals):
        """Completing a visit is checked here, not only in its button, so an RPC write of the
        state cannot skip the rules or the follow-up."""
        if "state" in vals and any(visit.state != "planned" for visit in self):
            if vals["state"] == "done":
                raise UserError(self.env._("Only a planned visit can be completed."))
            raise UserError(self.env._("A completed or cancelled visit keeps its status."))
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

    def action_done(self):
        """Close the visit: talking points, outcome and a next step within the follow-up
        window are required; schedules the follow-up and marks the contacts as met."""
        self.write({"state": "done"})
        return True

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

    def _check_can_close(self, today, vals):
        """Raise unless the visit, with ``vals`` written over it, may be completed."""
        self.ensure_one()

        def value(name):
            return vals[name] if name in vals else self[name]

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
            raise UserError(
                self.env._("To complete the visit, add %(missing)s.", missing=", ".join(missing))
            )
        max_days = self.company_id.kam_followup_days
        next_step_date = fields.Date.to_date(value("next_step_date"))
        problem = rules.follow_up_problem(next_step_date, today, max_days)
        if problem:
            raise UserError(
                {
                    "missing": self.env._("Give the next step a date."),
                    "past": self.env._("The next step cannot be in the past."),
                    "too_late": self.env._(
                        "Follow up within %(days)s days: by %(date)s at the latest.",
                        days=max_days,
                        date=today + timedelta(days=max_days),
                    ),
                }[problem]
            )

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
        """The contacts met count as contacted on the customer's open deals."""
        roles = (
            self.env["kam.deal.role"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.contact_ids.ids),
                    ("lead_id.active", "=", True),
                    ("lead_id.type", "=", "opportunity"),
                ]
            )
        )
        roles.write({"last_contact_date": today})

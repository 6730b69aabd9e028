from odoo import api, fields, models
from odoo.addons.b2b_base import jobs
from odoo.exceptions import ValidationError

from .. import rules
from ..const import BRAIN_PROFILES, RELATIONSHIP_LEVELS

RELATIONSHIP_PHASES = [
    ("establish", "Establish"),
    ("stabilise", "Stabilise"),
    ("strengthen", "Strengthen"),
]


class KamRelationship(models.Model):
    """A contact's relationship profile (客情档案): kept per person, not per deal, so what we
    know of someone outlives any one opportunity. The deals' role maps read from it."""

    _name = "kam.relationship"
    _inherit = ["mail.thread", "mail.activity.mixin", "kam.input.mixin", "kam.account.link.mixin"]
    _description = "Relationship Profile"
    _kam_customer_field = "customer_id"
    _order = "customer_id, level desc, id"
    _rec_name = "partner_id"

    _sql_constraints = [
        (
            "partner_company_uniq",
            "UNIQUE(partner_id, company_id)",
            "A contact has one relationship profile per company.",
        ),
    ]

    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('is_company', '=', False)]",
    )
    customer_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True, string="Customer"
    )
    function = fields.Char(related="partner_id.function", string="Job Position")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Kept By",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    level = fields.Selection(
        RELATIONSHIP_LEVELS,
        string="Relationship Level",
        tracking=True,
        help="1 helps with work, 2 talks as equals, 3 relies on us to solve problems, "
        "4 family-like trust.",
    )
    phase = fields.Selection(
        RELATIONSHIP_PHASES,
        string="Relationship Phase",
        tracking=True,
        help="Establish the relationship, stabilise it, then strengthen it.",
    )
    brain_profile = fields.Selection(BRAIN_PROFILES, string="Whole-Brain Profile", tracking=True)
    brain_cues = fields.Text(compute="_compute_brain_guide", string="How to Recognise")
    brain_tip = fields.Text(compute="_compute_brain_guide", string="How to Present")
    reports_to_id = fields.Many2one(
        "res.partner",
        domain="[('commercial_partner_id', '=', customer_id), ('is_company', '=', False)]",
    )
    listens_to_ids = fields.Many2many(
        "res.partner",
        "kam_relationship_listens_to_rel",
        "relationship_id",
        "partner_id",
        domain="[('commercial_partner_id', '=', customer_id), ('is_company', '=', False)]",
        help="Informal influence: whose opinion this person follows, whatever the org chart.",
    )
    family_role = fields.Char(
        string="Role in the Family Business", help="e.g. the owner's son, the founder's wife."
    )
    birthday = fields.Date()
    hobbies = fields.Text()
    important_dates = fields.Text(help="Anniversaries, children's exams, the company's founding.")
    personal_notes = fields.Text(
        help="Read, as the whole profile, by its keeper, the account's rep and key-account "
        "managers; not by other reps."
    )
    # The last care reminder scheduled (birthday or festival), so each is scheduled once.
    care_scheduled_until = fields.Date(readonly=True, copy=False)

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("brain_profile")
    @api.depends_context("lang")
    def _compute_brain_guide(self):
        guide = self._kam_brain_guide()
        for profile in self:
            profile.brain_cues, profile.brain_tip = guide.get(profile.brain_profile, (False, False))

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("partner_id", "reports_to_id", "listens_to_ids")
    def _check_people(self):
        for profile in self:
            if profile.partner_id.is_company:
                raise ValidationError(
                    self.env._(
                        "%(name)s is a company: a relationship profile is kept for a person.",
                        name=profile.partner_id.display_name,
                    )
                )
            others = profile.reports_to_id | profile.listens_to_ids
            if profile.partner_id in others:
                raise ValidationError(
                    self.env._("A person neither reports to nor listens to themselves.")
                )

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                vals.pop("care_scheduled_until", None)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            vals.pop("care_scheduled_until", None)
        return super().write(vals)

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    @api.model
    def _kam_brain_guide(self):
        """{profile: (how to recognise it, how to present to it)}, in the reader's language."""
        return {
            "a": (
                self.env._(
                    "Asks for data and proof, talks numbers, brief and precise, little small talk."
                ),
                self.env._("Facts, figures and logic: bring data, be precise, skip small talk."),
            ),
            "b": (
                self.env._(
                    "Punctual and orderly; wants the process, the plan and the details in writing."
                ),
                self.env._("Plans and procedures: be organized, give details and timelines."),
            ),
            "c": (
                self.env._("Warm; talks about people and the team, asks who else uses it."),
                self.env._("People and feelings: build rapport, listen, show who benefits."),
            ),
            "d": (
                self.env._("Jumps between ideas, talks about the future, impatient with details."),
                self.env._("Ideas and the big picture: show the vision, keep it short."),
            ),
            "ab": (
                self.env._("Precise and orderly: checks the figures and the procedure alike."),
                self.env._("Facts first, then the plan: data, risks, steps and dates."),
            ),
            "ad": (
                self.env._("A strategist: wants the numbers behind a bold idea."),
                self.env._("A vision backed by figures: the big picture, then the business case."),
            ),
            "bc": (
                self.env._("Careful and caring: minds the process and the people it affects."),
                self.env._(
                    "A safe, step-by-step plan and who it helps: references, service, support."
                ),
            ),
            "cd": (
                self.env._(
                    "Enthusiastic and people-minded: talks ideas and relationships, not details."
                ),
                self.env._("Stories and vision: how it helps people; keep the figures light."),
            ),
            "ac": (
                self.env._("Weighs facts and people alike: does it work, and who is affected?"),
                self.env._("Results with the human side: the data, and how the team benefits."),
            ),
            "bd": (
                self.env._("Moves between new ideas and how to put them into practice."),
                self.env._("The new idea and the concrete plan to get there."),
            ),
            "whole": (
                self.env._("At ease in every mode; adapts to the situation."),
                self.env._("Cover all four: facts, plan, people and vision, in a balanced story."),
            ),
        }

    @api.model
    def _cron_kam_care_reminders(self):
        """Birthday and festival care (Spring Festival, Mid-Autumn) as a to-do for whoever keeps
        each profile, ahead of the day, as the account's tier asks; each occasion once."""
        today = fields.Date.context_today(self)
        # Only the profiles whose account's tier asks for some care (through their account).
        profiles = self.search(
            [
                ("user_id", "!=", False),
                "|",
                "&",
                ("birthday", "!=", False),
                ("account_id.tier_id.care_birthday", "=", True),
                ("account_id.tier_id.care_festivals", "=", True),
            ]
        )
        # A batch at a time, each in a savepoint: a bad profile is logged and skipped.
        jobs.each_in_savepoint(
            profiles, lambda batch: batch._kam_schedule_care(today), "Care reminders"
        )

    def _kam_schedule_care(self, today):
        care_type = self.env.ref("key_account_management.mail_activity_type_kam_care")
        activities, scheduled = [], {}
        for profile in self:
            tier = profile.account_id.tier_id
            occasions = rules.care_occasions(
                today,
                tier.care_days_ahead,
                profile.birthday if tier.care_birthday else None,
                tier.care_festivals,
                after=profile.care_scheduled_until,
            )
            if not occasions:
                continue
            own = profile.with_context(lang=profile.user_id.lang or self.env.lang)
            names = own._kam_occasion_names()
            for code, day in occasions:
                activities.append(
                    {
                        "res_model_id": self.env["ir.model"]._get_id(self._name),
                        "res_id": profile.id,
                        "activity_type_id": care_type.id,
                        "user_id": profile.user_id.id,
                        "date_deadline": day,
                        "summary": own.env._(
                            "%(occasion)s: greet %(name)s",
                            occasion=names[code],
                            name=profile.partner_id.name,
                        ),
                        "automated": True,
                    }
                )
            scheduled[profile] = max(day for _code, day in occasions)
        jobs.create_activities(self.env, activities)
        for profile, day in scheduled.items():
            profile.care_scheduled_until = day

    def _kam_occasion_names(self):
        return {
            "birthday": self.env._("Birthday"),
            "spring_festival": self.env._("Spring Festival"),
            "mid_autumn": self.env._("Mid-Autumn Festival"),
        }

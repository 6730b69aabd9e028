from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import plaintext2html

from ..const import BRAIN_PROFILES, BUYER_STAGES

BUYING_FACTORS = [
    ("value", "Value"),
    ("need", "Need"),
    ("price", "Price"),
    ("trust", "Trust"),
    ("experience", "Experience"),
]
# Written by the contact edit that asks the deal's owner, cleared by their decision.
PENDING_FIELDS = {"pending_change", "pending_old_position"}
BUYING_ROLES = [
    ("purchaser", "Purchaser"),
    ("user", "User"),
    ("tech_gatekeeper", "Technical Gatekeeper"),
    ("finance_gatekeeper", "Financial Gatekeeper"),
    ("decision_maker", "Decision Maker"),
    ("other", "Other"),
]


class KamDealRole(models.Model):
    _name = "kam.deal.role"
    _inherit = ["kam.input.mixin"]
    _description = "Buying Role on an Opportunity"
    _order = "lead_id, is_coach desc, sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    lead_id = fields.Many2one(
        "crm.lead", string="Opportunity", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="lead_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        index=True,
        help="Leave empty for a role we know exists but have not met yet.",
    )
    buying_role = fields.Selection(BUYING_ROLES, required=True, default="user")
    departed = fields.Boolean(
        string="Left",
        help="The contact left the customer: the role is open again until someone else holds it.",
    )
    is_informant = fields.Boolean(
        string="Informant",
        help="Passes us information, but does not guide us as a coach does.",
    )
    buying_factor = fields.Selection(
        BUYING_FACTORS,
        string="Driving Buying Factor",
        help="Of the five buying factors (value, need, price, trust, experience), the one that "
        "drives this person.",
    )
    needs = fields.Text(help="What they must have: the problem to solve.")
    wants = fields.Text(help="What they would like: nice to have, negotiable.")
    buyer_stage = fields.Selection(
        BUYER_STAGES,
        string="Buyer's Stage",
        help="Where this person is in their own decision cycle.",
    )
    is_coach = fields.Boolean(
        string="Coach", help="An insider who guides us, not a mere informant."
    )
    org_level = fields.Selection(
        [("senior", "Senior"), ("middle", "Middle"), ("base", "Base")],
        string="Organization Level",
    )
    influence = fields.Selection(
        [("high", "High"), ("medium", "Medium"), ("low", "Low")], default="medium"
    )
    attitude = fields.Selection(
        [
            ("support", "Support"),
            ("neutral", "Neutral"),
            ("oppose", "Oppose"),
            ("unknown", "Unknown"),
        ],
        required=True,
        default="unknown",
    )
    # Read from (and written to) the contact's relationship profile: what we know of a person
    # is kept once, not per deal.
    relationship_level = fields.Integer(
        compute="_compute_relationship_level",
        inverse="_inverse_relationship_level",
        help="1 helps with work, 2 talks as equals, 3 relies on us to solve problems, "
        "4 family-like trust.",
    )
    brain_profile = fields.Selection(
        BRAIN_PROFILES,
        string="Whole-Brain Profile",
        compute="_compute_brain_profile",
        inverse="_inverse_brain_profile",
    )
    brain_profile_tip = fields.Text(compute="_compute_brain_profile_tip", string="How to Talk")
    last_contact_date = fields.Date(
        help="Updated when a note or email on the opportunity involves this contact."
    )
    notes = fields.Text()
    # A key person change made by someone else than the deal's owner, waiting for the owner.
    pending_change = fields.Selection(
        [("left", "Left the customer"), ("moved", "Changed position")],
        string="Change to Confirm",
        readonly=True,
        help="A contact edit by someone else than the deal's owner: the owner confirms it (the "
        "role opens again) or dismisses it.",
    )
    pending_old_position = fields.Char(string="Position Before", readonly=True)

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    # One compute and one inverse per field: a write of one leaves the other as it is.
    @api.depends("partner_id", "company_id")
    def _compute_relationship_level(self):
        profiles = self._kam_profiles()
        for role in self:
            profile = profiles.get((role.partner_id, role.company_id or self.env.company))
            role.relationship_level = int(profile.level or 0) if profile else 0

    @api.depends("partner_id", "company_id")
    def _compute_brain_profile(self):
        profiles = self._kam_profiles()
        for role in self:
            profile = profiles.get((role.partner_id, role.company_id or self.env.company))
            role.brain_profile = profile.brain_profile if profile else False

    def _inverse_relationship_level(self):
        for role in self:
            if not 0 <= role.relationship_level <= 4:
                raise ValidationError(
                    self.env._(
                        "The relationship level goes from 1 (helps with work) to 4 (family-like "
                        "trust)."
                    )
                )
        self._kam_write_profiles(
            lambda role: {
                "level": str(role.relationship_level) if role.relationship_level else False
            }
        )

    def _inverse_brain_profile(self):
        self._kam_write_profiles(lambda role: {"brain_profile": role.brain_profile})

    @api.depends("brain_profile")
    @api.depends_context("lang")
    def _compute_brain_profile_tip(self):
        guide = self.env["kam.relationship"]._kam_brain_guide()
        for role in self:
            role.brain_profile_tip = guide.get(role.brain_profile, (False, False))[1]

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("partner_id", "lead_id")
    def _check_contact_company(self):
        for role in self.filtered("partner_id"):
            customer = role.lead_id.partner_id.commercial_partner_id
            if customer and role.partner_id.commercial_partner_id != customer:
                raise ValidationError(
                    self.env._(
                        "%(contact)s does not belong to %(customer)s, the customer of this "
                        "opportunity.",
                        contact=role.partner_id.display_name,
                        customer=customer.display_name,
                    )
                )

    @api.constrains("is_coach", "is_informant")
    def _check_coach_or_informant(self):
        if any(role.is_coach and role.is_informant for role in self):
            raise ValidationError(
                self.env._(
                    "A coach guides us; an informant only passes information: a contact is one "
                    "or the other."
                )
            )

    @api.constrains("is_coach", "lead_id")
    def _check_one_coach(self):
        for lead in self.filtered("is_coach").lead_id:
            coaches = lead.kam_role_ids.filtered("is_coach")
            if len(coaches) > 1:
                raise ValidationError(
                    self.env._(
                        "The 1+2+1 formula has one coach: %(names)s are all marked as coach.",
                        names=", ".join(c.partner_id.name or "?" for c in coaches),
                    )
                )

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(PENDING_FIELDS & vals.keys() for vals in vals_list):
            raise AccessError(self._kam_pending_message())
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and PENDING_FIELDS & vals.keys():
            raise AccessError(self._kam_pending_message())
        if "partner_id" in vals and "departed" not in vals:
            # Someone else holds the role now: nothing of the previous person is pending.
            vals = {**vals, "departed": False, "pending_change": False}
        return super().write(vals)

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_kam_confirm_change(self):
        """The deal's owner confirms a key person change someone else recorded: the role is
        open again (left) or to be won again (moved)."""
        self._kam_check_change_decider()
        roles = self.sudo().filtered("pending_change")
        left = roles.filtered(lambda r: r.pending_change == "left").partner_id
        before = {
            role.partner_id: (
                role.lead_id.partner_id.commercial_partner_id,
                role.pending_old_position,
            )
            for role in roles
        }
        roles._kam_apply_change(left, before)
        return True

    def action_kam_dismiss_change(self):
        """Not a change for this deal (a typo fixed on the card, a namesake): the role stays."""
        self._kam_check_change_decider()
        roles = self.sudo().filtered("pending_change")
        roles.write({"pending_change": False, "pending_old_position": False})
        roles.lead_id._kam_close_change_todos()
        return True

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _kam_write_profiles(self, values):
        """Write ``values(role)`` on each role's contact's profile, or create the profile when
        there is something to keep."""
        profiles = self._kam_profiles()
        for role in self:
            vals = values(role)
            if not role.partner_id:
                if any(vals.values()):
                    raise ValidationError(
                        self.env._(
                            "Name the contact first: the relationship level and whole-brain "
                            "profile are kept on the person's relationship profile."
                        )
                    )
                continue
            key = (role.partner_id, role.company_id or self.env.company)
            if key in profiles:
                profiles[key].write(vals)
            elif any(vals.values()):
                profiles[key] = (
                    self.env["kam.relationship"]
                    .sudo()
                    .create(
                        {
                            **vals,
                            "partner_id": role.partner_id.id,
                            "company_id": key[1].id,
                            "user_id": (role.lead_id.user_id or self.env.user).id,
                        }
                    )
                )

    def _kam_profiles(self):
        """{(contact, company): relationship profile} of these roles' contacts, as superuser:
        whoever works the deal sees and records the contact's level and whole-brain profile
        there; the profile itself, personal notes included, is read by those its record rules name
        (the keeper, the account's rep, key-account managers)."""
        profiles = (
            self.env["kam.relationship"]
            .sudo()
            .search_fetch(
                [
                    ("partner_id", "in", self.partner_id.ids),
                    ("company_id", "in", (self.company_id | self.env.company).ids),
                ],
                ["partner_id", "company_id", "level", "brain_profile"],
            )
        )
        return {(p.partner_id, p.company_id): p for p in profiles}

    def _kam_pending_message(self):
        return self.env._(
            "A key person change is recorded by editing the contact and decided by the deal's "
            "owner with Confirm or Dismiss."
        )

    def _kam_check_change_decider(self):
        if self.env.su:
            return
        for lead in self.lead_id:
            if lead._kam_change_decider() != self.env.user:
                raise AccessError(
                    self.env._(
                        "A key person change on %(deal)s is its owner's decision (%(owner)s).",
                        deal=lead.sudo().name,
                        owner=(lead._kam_change_decider() or self.env["res.users"]).name or "-",
                    )
                )

    def _kam_apply_change(self, left, before):
        """Open these roles again (``left``: the people who left) or have them won again, and
        tell the deals and account managers (res.partner._kam_key_person_changed)."""
        roles = self.sudo()
        if not roles:
            return
        roles.filtered(lambda r: r.partner_id in left).write(
            {"departed": True, "pending_change": False, "pending_old_position": False}
        )
        roles.filtered(lambda r: r.partner_id not in left).write(
            {"attitude": "unknown", "pending_change": False, "pending_old_position": False}
        )
        roles.lead_id._kam_close_change_todos()
        self.env["res.partner"]._kam_key_person_changed(roles, left, before)

    def _kam_ask_owner(self, left, before):
        """Record a key person change someone else than the deal's owner made, and give the
        owner a to-do to confirm it, in their language. As superuser: the editor may not read
        the deal."""
        roles = self.sudo()
        for role in roles:
            role.write(
                {
                    "pending_change": "left" if role.partner_id in left else "moved",
                    "pending_old_position": before[role.partner_id][1] or False,
                }
            )
        for lead in roles.lead_id:
            owner = lead._kam_change_decider()
            people = roles.filtered(lambda r, d=lead: r.lead_id == d).partner_id
            own = self.env["res.partner"].with_context(lang=owner.lang or self.env.lang)
            lines = own._kam_key_person_lines(people, left, before)
            lines.append(
                own.env._(
                    "Confirm it on the deal's buying roles, or dismiss it if it is no change."
                )
            )
            todo_type = self.env.ref("key_account_management.mail_activity_type_kam_key_person")
            open_todo = lead.activity_ids.filtered(
                lambda a, t=todo_type, u=owner: a.activity_type_id == t and a.user_id == u
            )[:1]
            if open_todo:
                # One to-do per deal: a further change adds to it.
                open_todo.note = (open_todo.note or "") + plaintext2html("\n".join(lines[:-1]))
            else:
                lead.activity_schedule(
                    "key_account_management.mail_activity_type_kam_key_person",
                    user_id=owner.id,
                    note=plaintext2html("\n".join(lines)),
                )

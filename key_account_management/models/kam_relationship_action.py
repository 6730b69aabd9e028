from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..const import RELATIONSHIP_LEVELS

ACTION_TYPES = [
    ("visit", "Visit"),
    ("reception", "Reception"),
    ("gift", "Gift"),
    ("event", "Event"),
    ("call", "Call"),
    ("other", "Other"),
]


class KamRelationshipAction(models.Model):
    """One line of a key account's relationship-strengthening plan (客户关系强化表): whom we
    want closer, to which level, with what action and when; done against planned."""

    _name = "kam.relationship.action"
    _description = "Relationship Plan Action"
    _inherit = ["kam.input.mixin"]
    _order = "date_planned, id"
    _check_company_auto = True

    account_id = fields.Many2one(
        "kam.account", string="Key Account", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="account_id.company_id", store=True, index=True)
    customer_id = fields.Many2one(related="account_id.partner_id", string="Customer")
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        required=True,
        domain="[('commercial_partner_id', '=', customer_id), ('is_company', '=', False)]",
    )
    goal = fields.Char(required=True, help="What this action is for, e.g. win the CFO's trust.")
    target_level = fields.Selection(RELATIONSHIP_LEVELS, string="Aim for Level")
    action_type = fields.Selection(ACTION_TYPES, string="Action", required=True, default="visit")
    date_planned = fields.Date(string="Planned For", required=True)
    user_id = fields.Many2one(
        "res.users", string="By", required=True, default=lambda self: self.env.user
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        readonly=True,
        copy=False,
    )
    date_done = fields.Date(readonly=True, copy=False)
    note = fields.Text()

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("partner_id", "account_id")
    def _check_contact(self):
        for action in self:
            if action.partner_id.commercial_partner_id != action.account_id.partner_id:
                raise ValidationError(
                    self.env._(
                        "%(contact)s is not one of %(customer)s's people.",
                        contact=action.partner_id.display_name,
                        customer=action.account_id.partner_id.display_name,
                    )
                )

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                vals.pop("state", None)
                vals.pop("date_done", None)
            # Context defaults would fill them in too.
            self = self.with_context(default_state="planned", default_date_done=False)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and {"state", "date_done"} & vals.keys():
            raise UserError(self.env._("Mark an action done or cancelled with its buttons."))
        return super().write(vals)

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_done(self):
        self.check_access("write")
        if self.filtered(lambda a: a.state != "planned"):
            raise UserError(self.env._("Only a planned action can be marked done."))
        self.sudo().write({"state": "done", "date_done": fields.Date.context_today(self)})
        return True

    def action_cancel(self):
        self.check_access("write")
        if self.filtered(lambda a: a.state != "planned"):
            raise UserError(self.env._("Only a planned action can be cancelled."))
        self.sudo().write({"state": "cancelled"})
        return True

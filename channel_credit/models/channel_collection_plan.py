from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, format_amount, format_date

from ..const import PROMISING

# What a promise is: changed only by a Credit Manager once made.
PROMISE_FIELDS = {"partner_id", "company_id", "amount", "date"}


# Set while a logged conversation records its promise (cr.cache: no RPC call can set it).
class ChannelCollectionPlan(models.Model):
    _name = "channel.collection.plan"
    _description = "Collection Plan Line"
    _inherit = ["channel.credit.input.mixin"]
    _order = "date, id"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Distributor",
        required=True,
        index=True,
        domain="[('is_company', '=', True)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one("res.users", string="Salesperson", default=lambda self: self.env.user)
    date_from = fields.Date(string="From", required=True, default=fields.Date.context_today)
    date = fields.Date(string="Expected Payment Date", required=True)
    amount = fields.Monetary(string="Promised Amount", required=True)
    promised_by = fields.Char(help="Who at the distributor made the promise.")
    note = fields.Char()
    paid_amount = fields.Monetary(compute="_compute_paid", string="Paid")
    state = fields.Selection(
        [("open", "Open"), ("kept", "Kept"), ("broken", "Broken")], compute="_compute_paid"
    )
    # Set by the daily job once the promised date has passed (the outcome is final then):
    # a broken promise escalates once.
    closed = fields.Boolean(readonly=True, copy=False)
    broken = fields.Boolean(readonly=True, copy=False)

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("partner_id", "amount", "date")
    def _compute_display_name(self):
        for plan in self:
            plan.display_name = " · ".join(
                filter(
                    None,
                    [
                        plan.partner_id.name,
                        plan.currency_id and format_amount(self.env, plan.amount, plan.currency_id),
                        plan.date and format_date(self.env, plan.date),
                    ],
                )
            )

    def _compute_paid(self):
        """Customer payments received between the conversation and the promised date, and
        recorded after the promise was made: money already in when a conversation is logged
        (days later, or backdated) keeps no promise."""
        paid = {}
        if self.ids:
            self.env.flush_all()
            self.env.cr.execute(
                SQL(
                    """
                    SELECT c.id, COALESCE(SUM(-l.balance), 0)
                      FROM channel_collection_plan c
                      JOIN res_partner p ON p.commercial_partner_id = c.partner_id
                      JOIN account_move_line l
                        ON l.partner_id = p.id AND l.company_id = c.company_id
                      JOIN account_account a ON a.id = l.account_id
                      JOIN account_move m ON m.id = l.move_id
                     WHERE c.id = ANY(%s) AND l.parent_state = 'posted'
                       AND a.account_type = 'asset_receivable' AND l.balance < 0
                       AND m.move_type = 'entry' AND l.date BETWEEN c.date_from AND c.date
                       AND m.create_date >= c.create_date
                  GROUP BY c.id
                    """,
                    self.ids,
                )
            )
            paid = dict(self.env.cr.fetchall())
        today = fields.Date.context_today(self)
        for plan in self:
            plan.paid_amount = float(paid.get(plan.id, 0.0))
            if plan.currency_id.compare_amounts(plan.paid_amount, plan.amount) >= 0:
                plan.state = "kept"
            else:
                plan.state = "broken" if plan.date < today else "open"

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("amount", "date", "date_from")
    def _check_plan(self):
        for plan in self:
            if plan.amount <= 0:
                raise ValidationError(self.env._("A promised payment must be positive."))
            if plan.date < plan.date_from:
                raise ValidationError(self.env._("The expected payment date is before the start."))

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            if not self.env.cr.cache.get(PROMISING):
                raise AccessError(
                    self.env._(
                        "A promise comes from a conversation with the distributor: log the "
                        "contact (Credit › Collection Contacts) with what was promised."
                    )
                )
            for vals in vals_list:
                vals.update(closed=False, broken=False)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and {"closed", "broken", "date_from"} & vals.keys():
            raise AccessError(
                self.env._(
                    "A promise starts on the day of its conversation and only the daily job "
                    "settles it."
                )
            )
        if not self.env.su and self.filtered("closed") and vals.keys() - {"note"}:
            raise UserError(self.env._("A settled promise stays as it was, kept or broken."))
        if (
            PROMISE_FIELDS & vals.keys()
            and not self.env.su
            and not self.env.user.has_group("channel_credit.group_channel_credit_manager")
        ):
            raise UserError(
                self.env._(
                    "A promise stays as it was made: log a new one, or ask a Credit Manager "
                    "to correct it."
                )
            )
        return super().write(vals)

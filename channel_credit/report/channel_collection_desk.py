from odoo import fields, models
from odoo.tools import SQL


class ChannelCollectionDesk(models.Model):
    """The collection desk (回款工作台): what each salesperson and collector chases today, one
    row per credit-controlled distributor with overdue invoices: how much, since when, the
    dunning step reached, the promises open and broken, the last contact."""

    _name = "channel.collection.desk"
    _description = "Collection Desk"
    _auto = False
    _order = "days_overdue desc, overdue_amount desc, id"
    _depends = {
        "account.move.line": [
            "account_id",
            "amount_residual",
            "company_id",
            "date_maturity",
            "parent_state",
            "partner_id",
            "reconciled",
        ],
        "channel.collection.plan": ["amount", "broken", "closed", "date", "partner_id"],
        "channel.collection.contact": ["date", "partner_id"],
        "res.partner": ["commercial_partner_id", "user_id", "channel_dunning_step_id"],
    }

    partner_id = fields.Many2one("res.partner", string="Distributor", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    owed_amount = fields.Monetary(
        string="Owed (All Open)", readonly=True, help="Everything owed now, due or not."
    )
    overdue_amount = fields.Monetary(readonly=True)
    oldest_due = fields.Date(string="Oldest Due Date", readonly=True)
    days_overdue = fields.Integer(readonly=True)
    step_id = fields.Many2one("channel.dunning.step", string="Dunning Step", readonly=True)
    promised_amount = fields.Monetary(string="Promised (Open)", readonly=True)
    next_promise_date = fields.Date(string="Next Promised Date", readonly=True)
    broken_promises = fields.Integer(readonly=True)
    last_contact_date = fields.Date(string="Last Contact", readonly=True)

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_log_contact(self):
        self.ensure_one()
        return self.partner_id.with_company(self.company_id).action_channel_log_contact()

    def action_open_partner(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "view_mode": "form",
        }

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    @property
    def _table_query(self):
        controlled = self.env["channel.credit.aging"]._controlled_partners()
        return SQL(
            """
            WITH overdue AS (
                SELECT MIN(l.id) AS id, p.commercial_partner_id AS partner_id, l.company_id,
                       SUM(l.amount_residual) AS owed_amount,
                       SUM(l.amount_residual)
                           FILTER (WHERE l.amount_residual > 0 AND l.date_maturity < %(today)s)
                           AS overdue_amount,
                       MIN(l.date_maturity)
                           FILTER (WHERE l.amount_residual > 0 AND l.date_maturity < %(today)s)
                           AS oldest_due
                  FROM account_move_line l
                  JOIN res_partner p ON p.id = l.partner_id
                  JOIN (%(controlled)s) ctl
                    ON ctl.company_id = l.company_id AND ctl.partner_id = p.commercial_partner_id
                 WHERE l.account_id = ANY(ARRAY(
                           SELECT id FROM account_account WHERE account_type = 'asset_receivable'))
                   AND l.parent_state = 'posted' AND l.reconciled IS NOT TRUE
              GROUP BY p.commercial_partner_id, l.company_id
                HAVING MIN(l.date_maturity)
                           FILTER (WHERE l.amount_residual > 0 AND l.date_maturity < %(today)s)
                       IS NOT NULL
            ), plans AS (
                SELECT pl.partner_id, pl.company_id,
                       SUM(pl.amount) FILTER (WHERE pl.date >= %(today)s) AS promised_amount,
                       MIN(pl.date) FILTER (WHERE pl.date >= %(today)s) AS next_promise_date,
                       COUNT(*) FILTER (WHERE pl.broken) AS broken_promises
                  FROM channel_collection_plan pl
                 WHERE pl.partner_id IN (SELECT partner_id FROM overdue)
              GROUP BY pl.partner_id, pl.company_id
            ), contacts AS (
                SELECT ct.partner_id, ct.company_id, MAX(ct.date) AS last_contact_date
                  FROM channel_collection_contact ct
                 WHERE ct.partner_id IN (SELECT partner_id FROM overdue)
              GROUP BY ct.partner_id, ct.company_id
            )
            SELECT o.id, o.partner_id, cp.user_id, o.company_id, c.currency_id,
                   o.owed_amount, o.overdue_amount, o.oldest_due,
                   %(today)s::date - o.oldest_due AS days_overdue,
                   (cp.channel_dunning_step_id ->> o.company_id::text)::int AS step_id,
                   COALESCE(pl.promised_amount, 0) AS promised_amount, pl.next_promise_date,
                   COALESCE(pl.broken_promises, 0) AS broken_promises, ct.last_contact_date
              FROM overdue o
              JOIN res_partner cp ON cp.id = o.partner_id
              JOIN res_company c ON c.id = o.company_id
         LEFT JOIN plans pl ON pl.partner_id = o.partner_id AND pl.company_id = o.company_id
         LEFT JOIN contacts ct ON ct.partner_id = o.partner_id AND ct.company_id = o.company_id
            """,
            today=fields.Date.context_today(self),
            controlled=controlled,
        )

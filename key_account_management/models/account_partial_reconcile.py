"""Who collected a payment (回款): the invoice's salesperson and team when the money was matched
to it, kept as they were then."""

from odoo import api, fields, models
from odoo.addons.b2b_base import guards
from odoo.tools import SQL
from odoo.tools.sql import column_exists

SNAPSHOT_FIELDS = {"kam_user_id", "kam_team_id"}


class AccountPartialReconcile(models.Model):
    _inherit = "account.partial.reconcile"

    kam_user_id = fields.Many2one(
        "res.users", string="Collected By", readonly=True, index="btree_not_null"
    )
    kam_team_id = fields.Many2one("crm.team", string="Collected By Team", readonly=True)

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = guards.refuse_system_fields(self, vals_list, SNAPSHOT_FIELDS)
        partials = super().create(vals_list)
        partials._kam_snapshot_salespeople()
        return partials

    def write(self, vals):
        # Collected money stays with whoever had the invoice when it was paid: a later change
        # of salesperson on the invoice, or on this record, does not move it.
        [vals] = guards.refuse_system_fields(self, [vals], SNAPSHOT_FIELDS, records=self)
        return super().write(vals)

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _auto_init(self):
        new = not column_exists(self.env.cr, self._table, "kam_user_id")
        result = super()._auto_init()
        if new:
            # Installed (or updated) into a database with payments: each keeps the salesperson
            # its invoice has now, the best record of who had it then.
            self._kam_snapshot_salespeople()
        return result

    def _kam_snapshot_salespeople(self):
        """Record the salesperson and team of each partial's invoice (all partials when called
        on an empty recordset at install)."""
        self.env.cr.execute(
            SQL(
                """
                UPDATE account_partial_reconcile pr
                   SET kam_user_id = inv.invoice_user_id, kam_team_id = inv.team_id
                  FROM account_move_line dl
                  JOIN account_move inv ON inv.id = dl.move_id
                 WHERE dl.id = pr.debit_move_id %s
                """,
                SQL("AND pr.id = ANY(%s)", self.ids) if self else SQL(),
            )
        )
        self.invalidate_recordset(list(SNAPSHOT_FIELDS))

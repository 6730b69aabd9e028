from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools import SQL

# What may change on a frozen evidence file: the token of a share link, nothing of the file.
FREE_FIELDS = {"access_token"}


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    def write(self, vals):
        if not self.env.su and vals.keys() - FREE_FIELDS:
            self._channel_check_evidence_kept()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_credit_evidence(self):
        # Also as the system: deleting the record a file was first attached to (a quotation,
        # a message) takes its files along as superuser.
        self._channel_check_evidence_kept()

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _channel_check_evidence_kept(self):
        """Every file an investigation line rests on, wherever it was first attached, is what
        the approvers decide on: from the review's submission it is kept as it was (content,
        name, owner, link). One indexed look-up in the evidence links for the whole set."""
        if not self.ids:
            return
        field = self.env["channel.credit.review.line"]._fields["attachment_ids"]
        self.env.cr.execute(
            SQL(
                """
                SELECT r.id
                  FROM %(rel)s ev
                  JOIN channel_credit_review_line l ON l.id = ev.%(line)s
                  JOIN channel_credit_review r ON r.id = l.review_id
                 WHERE ev.%(file)s = ANY(%(ids)s) AND r.state != 'draft'
                 LIMIT 1
                """,
                rel=SQL.identifier(field.relation),
                line=SQL.identifier(field.column1),
                file=SQL.identifier(field.column2),
                ids=self.ids,
            )
        )
        row = self.env.cr.fetchone()
        if row:
            review = self.env["channel.credit.review"].sudo().browse(row[0])
            raise UserError(
                self.env._(
                    "This file is evidence of a submitted credit review (%(review)s): it cannot "
                    "be changed or deleted.",
                    review=review.partner_id.display_name,
                )
            )

from odoo import api, models
from odoo.exceptions import UserError


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def write(self, vals):
        self._channel_check_evidence_kept()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_credit_evidence(self):
        self._channel_check_evidence_kept()

    def _channel_check_evidence_kept(self):
        """The evidence of a submitted credit review is what its approvers decided on: it is
        kept as it was."""
        # Evidence belongs to its line (review_line._own_evidence): every other attachment of
        # the database passes without a query.
        evidence = self.filtered(lambda a: a.res_model == "channel.credit.review.line")
        if self.env.su or not evidence:
            return
        lines = (
            self.env["channel.credit.review.line"]
            .sudo()
            .search(
                [("attachment_ids", "in", evidence.ids), ("review_id.state", "!=", "draft")],
                limit=1,
            )
        )
        if lines:
            raise UserError(
                self.env._(
                    "This file is evidence of a submitted credit review (%(review)s): it cannot "
                    "be changed or deleted.",
                    review=lines.review_id.partner_id.display_name,
                )
            )

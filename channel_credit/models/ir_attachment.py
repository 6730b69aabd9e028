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
        if self.env.su or not self:
            return
        lines = (
            self.env["channel.credit.review.line"]
            .sudo()
            .search(
                [("attachment_ids", "in", self.ids), ("review_id.state", "!=", "draft")], limit=1
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

"""The files a distributor's own people send from the portal: who sent which file when, for
which report, and whether it was imported or refused (with why)."""

from odoo import fields, models

from ..const import PORTAL_UPLOAD_STATES


class DistributorPortalUpload(models.Model):
    """Written by the portal's upload only (nobody has write rights on it). It is also what the
    hourly limit of uploads counts: a row per attempt, kept whatever became of the file. The
    report's chatter could not count them: a refused file of a month without a report leaves
    no report to post on (an empty one would silence the missing-report alert)."""

    _name = "distributor.portal.upload"
    _description = "Portal Upload"
    _order = "create_date desc, id desc"
    _check_company_auto = True

    # A person or distributor deleted takes its uploads along: they record what it sent.
    user_id = fields.Many2one(
        "res.users", string="Sent By", required=True, readonly=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        "res.partner", string="Distributor", required=True, readonly=True, ondelete="cascade"
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    report_id = fields.Many2one(
        "distributor.stock.report",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
    )
    date_from = fields.Date(string="Month", readonly=True)
    filename = fields.Char(readonly=True)
    size = fields.Integer(string="Size (bytes)", readonly=True)
    state = fields.Selection(PORTAL_UPLOAD_STATES, string="Status", required=True, readonly=True)
    message = fields.Text(string="Why Refused", readonly=True)

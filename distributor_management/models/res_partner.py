"""A distributor's agreements, targets and outlets, on its contact."""

from odoo import api, fields, models

from ..const import BINDING_STATES


class ResPartner(models.Model):
    _inherit = "res.partner"

    distributor_agreement_ids = fields.One2many(
        "distributor.agreement",
        "partner_id",
        string="Distribution Agreements",
        groups="distributor_management.group_distributor_user",
    )
    distributor_agreement_count = fields.Integer(
        compute="_compute_distributor_agreement_count",
        groups="distributor_management.group_distributor_user",
    )

    distributor_outlet_count = fields.Integer(
        compute="_compute_distributor_outlet_count",
        groups="distributor_management.group_distributor_user",
    )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("distributor_agreement_ids")
    def _compute_distributor_agreement_count(self):
        counts = dict(
            self.env["distributor.agreement"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.distributor_agreement_count = counts.get(partner._origin, 0)

    @api.depends_context("uid")
    def _compute_distributor_outlet_count(self):
        # The reader's outlets only: a representative counts those of their distributors.
        counts = dict(
            self.env["distributor.outlet"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.distributor_outlet_count = counts.get(partner._origin, 0)

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_view_distributor_agreements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "distributor_management.distributor_agreement_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_view_distributor_outlets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "distributor_management.distributor_outlet_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_view_distributor_targets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "distributor_management.distributor_agreement_target_action"
        )
        action["domain"] = [("partner_id", "=", self.id), ("state", "in", BINDING_STATES)]
        return action

"""Credit holds: set by the overdue rule or a Credit Manager, read in the reader's language."""

import json
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date, plaintext2html

from .. import rules
from ..const import CREDIT_READERS, OVERDUE_HOLDS
from ..rules import NO_FIGURES


class ResPartner(models.Model):
    _inherit = "res.partner"

    channel_credit_hold_reason = fields.Char(
        string="Hold Reason",
        compute="_compute_channel_credit_hold_reason",
        inverse="_inverse_channel_credit_hold_reason",
        groups=CREDIT_READERS,
    )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("channel_credit_hold_info")
    @api.depends_context("company", "lang")
    def _compute_channel_credit_hold_reason(self):
        # A rule's hold says how overdue the distributor is now, not on the night it was set:
        # one query for the partners held by the rules.
        held = self.filtered(
            lambda p: rules.hold_data(p.channel_credit_hold_info).get("code") in OVERDUE_HOLDS
        )
        figures = held._channel_credit_figures(self.env.company, overdue_only=True) if held else {}
        today = fields.Date.context_today(self)
        for partner in self:
            fig = figures.get(partner.commercial_partner_id.id)
            partner.channel_credit_hold_reason = partner._channel_hold_text(
                partner.channel_credit_hold_info,
                days_now=fig.days_overdue(today) if fig else None,
            )

    def _inverse_channel_credit_hold_reason(self):
        for partner in self:
            reason = partner.channel_credit_hold_reason
            partner.channel_credit_hold_info = reason and json.dumps({"text": reason})
        # Written fields are protected from recomputation: drop what other languages cached.
        self.invalidate_recordset(["channel_credit_hold_reason"])

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_channel_lift_hold(self):
        self._channel_check_credit_manager()
        self._channel_release_manual_hold()
        # The overdue rule may still hold the partner.
        self._channel_update_holds(
            self._channel_credit_figures(self.env.company), fields.Date.context_today(self)
        )
        return True

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _channel_rule_hold(self, figures, today, step):
        """The reason the overdue rule or the dunning step reached (``step``) holds this
        partner, as recorded in ``channel_credit_hold_info`` once dumped; None if they do not."""
        self.ensure_one()
        days = figures.days_overdue(today)
        code = rules.rule_hold(days, self.channel_max_overdue_days, bool(step and step.put_on_hold))
        if code == "overdue":
            return {"code": code, "days": days, "allowed": self.channel_max_overdue_days}
        if code == "dunning":
            return {"code": code, "days": days, "step": step.id}
        return None

    def _channel_hold_outdated(self, figures, today, step=None):
        """Whether the hold must change today: a manual hold past its end, or the rules now
        holding when they did not (or the other way round); a manual hold stays until its end."""
        self.ensure_one()
        if self.channel_credit_hold_manual:
            return bool(self.channel_credit_hold_until and self.channel_credit_hold_until < today)
        return (self._channel_rule_hold(figures, today, step) is not None) != (
            self.channel_credit_hold
        )

    def _channel_update_holds(self, figures, today, steps=None):
        """Set or lift these partners' holds from the overdue rule and the dunning step each
        reached (``steps``: {partner: step}), with a note each in the partner's language."""
        steps = steps or {}
        outdated = self.filtered(
            lambda p: p._channel_hold_outdated(figures.get(p.id, NO_FIGURES), today, steps.get(p))
        )
        outdated._channel_release_manual_hold()
        changed = {}
        for partner in outdated:
            reason = partner._channel_rule_hold(
                figures.get(partner.id, NO_FIGURES), today, steps.get(partner)
            )
            hold, info = reason is not None, reason and json.dumps(reason)
            if hold != partner.channel_credit_hold:
                changed[partner] = info
                # The note says why; a tracking message as well would only repeat it.
                partner.with_context(mail_notrack=True).write(
                    {"channel_credit_hold": hold, "channel_credit_hold_info": info}
                )
        by_lang = defaultdict(list)
        for partner in changed:
            by_lang[partner._channel_own_lang()].append(partner.id)
        for lang, ids in by_lang.items():
            partners = self.with_context(lang=lang).browse(ids)
            lifted = partners.env._("Credit hold lifted: nothing is overdue too long.")
            partners._message_log_batch(
                {p.id: plaintext2html(p._channel_hold_text(changed[p]) or lifted) for p in partners}
            )

    def _channel_hold_text(self, info, days_now=None):
        """The hold reason recorded as ``info``, in this environment's language; a rule's hold
        with the days overdue ``days_now`` when given (its figures as they are now)."""
        data = rules.hold_data(info)
        if data.get("code") == "manual":
            if data.get("until"):
                return self.env._(
                    "%(reason)s (held by %(user)s until %(date)s)",
                    reason=data.get("text"),
                    user=data.get("user"),
                    date=format_date(self.env, fields.Date.to_date(data["until"])),
                )
            return self.env._(
                "%(reason)s (held by %(user)s)", reason=data.get("text"), user=data.get("user")
            )
        days = data.get("days") if days_now is None else days_now
        if data.get("code") in OVERDUE_HOLDS and days_now is not None and not days_now:
            return self.env._("Nothing is overdue any more: the daily check lifts the hold.")
        if data.get("code") == "dunning":
            step = self.env["channel.dunning.step"].sudo().browse(data.get("step")).exists()
            return self.env._(
                "Dunning step %(step)s reached: invoice overdue %(days)s days.",
                step=step.name or "-",
                days=days,
            )
        if data.get("code") == "overdue":
            return self.env._(
                "Invoice overdue %(days)s days (allowed: %(allowed)s).",
                days=days,
                allowed=data.get("allowed"),
            )
        return data.get("text") or False

    def _channel_put_on_hold(self, reason, until=False):
        """A Credit Manager's hold, with a reason and an optional end date."""
        self._channel_check_credit_manager()
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for the hold."))
        if until and until < fields.Date.context_today(self):
            raise UserError(self.env._("A hold cannot end in the past."))
        info = json.dumps(
            {
                "code": "manual",
                "text": reason.strip(),
                "user": self.env.user.name,
                "until": until and fields.Date.to_string(until),
            }
        )
        self.write(
            {
                "channel_credit_hold": True,
                "channel_credit_hold_manual": True,
                "channel_credit_hold_until": until,
                "channel_credit_hold_info": info,
            }
        )
        for partner in self:
            partner.message_post(body=partner._channel_hold_text(info))

    def _channel_release_manual_hold(self):
        for partner in self.filtered("channel_credit_hold_manual"):
            partner.write(
                {
                    "channel_credit_hold": False,
                    "channel_credit_hold_manual": False,
                    "channel_credit_hold_until": False,
                    "channel_credit_hold_info": False,
                }
            )
            partner._channel_in_own_language().message_post(
                body=partner._channel_in_own_language().env._("Manual credit hold lifted.")
            )

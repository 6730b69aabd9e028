"""What scripts/upgrade-test runs inside `odoo shell`, with the old code or with today's.

    seed(env)            before the update (old code): records on top of the demo, a setting
                         and some noupdate data changed as a user would
    snapshot(env, path)  record counts per model, settings and the edited data, as JSON
    compare(env, before) after the update (today's code): nothing lost, nothing changed back
    flows(env)           today's code on the old records: re-tier, an order under credit
                         control, a visit completed, every nightly job once

Only Odoo's generic API is used before the update: it must run on every earlier release.
"""

import json
import traceback
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tools import SQL, mute_logger

# Our addons, whatever their number: they share the author (every release did).
AUTHOR = "Kaizen B2B Apps"


def ours(env):
    """The names of our addons this database knows."""
    return env["ir.module.module"].search([("author", "=", AUTHOR)]).mapped("name")


# Core records our apps read and write: the update may add some (with the demo data a new
# release brings, lines and followers of its records), never remove any.
CORE_MODELS = (
    "res.partner",
    "res.users",
    "sale.order",
    "sale.order.line",
    "crm.lead",
    "crm.stage",
    "account.move",
    "stock.picking",
    "mail.activity",
    "mail.followers",
)
# Chatter: the update may add some, never remove any.
GROWING = ("mail.message", "mail.tracking.value")
EDITED = " (edited before the update)"
HOLD_REASON = "Cheque returned by the bank (held before the update)"
# Settings the first release has too, changed away from their defaults by seed().
SETTINGS_CHANGED = {
    "kam_followup_days": 2,
    "kam_potential_threshold": 250000,
    "channel_release_validity_days": 3,
}


def our_models(env):
    """The models our addons define or extend (whichever of them are installed)."""
    data = env["ir.model.data"].search([("module", "in", ours(env)), ("model", "=", "ir.model")])
    models = env["ir.model"].browse(data.mapped("res_id")).exists()
    return sorted({m.model for m in models if m.model in env and not env[m.model]._abstract})


def _stored(env, model):
    return not env[model]._transient and env[model]._auto


def counts(env):
    names = [m for m in our_models(env) if _stored(env, m)]
    names += [m for m in CORE_MODELS + GROWING if m in env]
    # Archived records count too.
    return {
        name: env[name].sudo().with_context(active_test=False).search_count([]) for name in names
    }


def settings(env):
    """Our company settings and system parameters, as text."""
    values = {}
    for company in env["res.company"].sudo().search([]):
        for name, field in company._fields.items():
            if name.startswith(("kam_", "channel_")) and field.store and field.type != "binary":
                values[f"res.company,{company.id},{name}"] = str(company[name])
    params = (
        env["ir.config_parameter"]
        .sudo()
        .search(
            [
                "|",
                ("key", "=like", "key_account_management.%"),
                ("key", "=like", "channel_credit.%"),
            ]
        )
    )
    for param in params:
        values[f"ir.config_parameter,{param.key}"] = param.value
    return values


def _noupdate_records(env):
    """One noupdate record with a stored name per model of ours: what a user renames."""
    found = {}
    for data in env["ir.model.data"].search(
        [("module", "in", ours(env)), ("noupdate", "=", True)], order="id"
    ):
        if data.model in found or data.model not in env or not _stored(env, data.model):
            continue
        field = env[data.model]._fields.get("name")
        if field and field.type == "char" and field.store and not field.compute:
            record = env[data.model].sudo().browse(data.res_id).exists()
            if record:
                found[data.model] = record
    return found


def edited(env):
    return {
        f"{record._name},{record.id}": record.name
        for record in _noupdate_records(env).values()
        if (record.name or "").endswith(EDITED)
    }


def holds(env):
    """Held distributors and the reason each shows, in the current company."""
    Partner = env["res.partner"].sudo().with_context(lang="en_US")
    if "channel_credit_hold" not in Partner._fields:
        return {}
    held = Partner.search([("is_company", "=", True)]).filtered("channel_credit_hold")
    return {str(p.id): p.channel_credit_hold_reason or "" for p in held}


def snapshot(env, path):
    env.cr.execute("SELECT (now() AT TIME ZONE 'UTC')::text")
    state = {
        "time": env.cr.fetchone()[0],
        "counts": counts(env),
        "settings": settings(env),
        "edited": edited(env),
        "holds": holds(env),
    }
    with open(path, "w", encoding="utf-8") as out:
        json.dump(state, out, indent=1, ensure_ascii=False, sort_keys=True)
    print(f"SNAPSHOT {len(state['counts'])} models, {sum(state['counts'].values())} records")


def seed(env):
    """A copy of one record of each of our models (records made in the web client have no
    XML id, unlike the demo's), a renamed noupdate record per model, a changed setting."""
    made, skipped = [], []
    for name in our_models(env):
        if not name.startswith(("kam.", "channel.")) or not _stored(env, name):
            continue
        Model = env[name].sudo().with_context(active_test=False, mail_create_nolog=True)
        record = Model.search([], limit=1, order="id desc")
        if not record:
            continue
        try:
            with env.cr.savepoint(), mute_logger("odoo.sql_db"):
                record.copy()
            made.append(name)
        except Exception as error:  # noqa: BLE001 - a copy the old code refuses is reported
            skipped.append(f"{name} ({type(error).__name__})")
    for record in _noupdate_records(env).values():
        record.name = f"{record.name or ''}{EDITED}"
    field = env["res.partner"]._fields.get("channel_credit_hold_reason")
    if field and field.store:  # the first release kept a hold's reason as text
        held = env["res.partner"].search([("is_company", "=", True)])
        held = held.filtered("channel_credit_policy")[-1:]
        held.write({"channel_credit_hold": True, "channel_credit_hold_reason": HOLD_REASON})
    company = env.company
    for name, step in SETTINGS_CHANGED.items():
        if name in company._fields:
            company[name] = company[name] + step
    print("SEEDED", len(made), "copies; not copyable:", ", ".join(skipped) or "none")
    env.cr.commit()


def compare(env, path):
    """Nothing lost: each of our models counts what it had plus the records the update's own
    data created (new XML ids), core models at least what they had; settings and edited data
    kept; required fields filled and selections holding their keys on the old rows."""
    with open(path, encoding="utf-8") as src:
        before = json.load(src)
    problems = []
    after = counts(env)
    created = {}
    for data in env["ir.model.data"].search(
        [("module", "in", ours(env)), ("create_date", ">=", before.get("time", "1970-01-01"))]
    ):
        created[data.model] = created.get(data.model, 0) + 1
    for name, count in sorted(before["counts"].items()):
        now = after.get(name)
        if now is None:
            problems.append(f"{name}: the model is gone ({count} records before)")
        elif name in CORE_MODELS + GROWING or not name.startswith(("kam.", "channel.")):
            if now < count:
                problems.append(f"{name}: {count} before, {now} after")
        elif not count <= now <= count + created.get(name, 0):
            problems.append(f"{name}: {count} before, {now} after")
    now_settings = settings(env)
    for key, value in before["settings"].items():
        if key in now_settings and now_settings[key] != value:
            problems.append(f"setting {key}: {value!r} became {now_settings[key]!r}")
    for key, name in before["edited"].items():
        model, res_id = key.split(",")
        record = env[model].sudo().browse(int(res_id)).exists() if model in env else None
        if not record or record.name != name:
            problems.append(f"{key}: the user's {name!r} became {record and record.name!r}")
    for name in our_models(env):
        if not name.startswith(("kam.", "channel.")) or not _stored(env, name):
            continue
        Model = env[name]
        for field in Model._fields.values():
            if field.required and field.store and field.column_type:
                env.cr.execute(
                    SQL(
                        "SELECT COUNT(*) FROM %s WHERE %s IS NULL",
                        SQL.identifier(Model._table),
                        SQL.identifier(field.name),
                    )
                )
                empty = env.cr.fetchone()[0]
                if empty:
                    problems.append(f"{name}.{field.name} is required, empty on {empty} rows")
            if field.type == "selection" and field.store and isinstance(field.selection, list):
                # A renamed key (the approval vocabulary) is renamed on the old rows too.
                keys = tuple(key for key, _label in field.selection)
                env.cr.execute(
                    SQL(
                        "SELECT COUNT(*) FROM %s WHERE %s IS NOT NULL AND %s NOT IN %s",
                        SQL.identifier(Model._table),
                        SQL.identifier(field.name),
                        SQL.identifier(field.name),
                        keys,
                    )
                )
                unknown = env.cr.fetchone()[0]
                if unknown:
                    problems.append(f"{name}.{field.name} has unknown keys on {unknown} rows")
    now_holds = holds(env)
    for partner, reason in before.get("holds", {}).items():
        if now_holds.get(partner) != reason:
            problems.append(
                f"hold of partner {partner}: {reason!r} became {now_holds.get(partner)!r}"
            )
    print(f"HOLDS {len(before.get('holds', {}))} before, {len(now_holds)} after")
    print(f"COUNTS {len(after)} models, {sum(after.values())} records after the update")
    for name in sorted(after):
        was = before["counts"].get(name, "new")
        print(f"  {name}: {was} -> {after[name]}")
    for problem in problems:
        print("PROBLEM", problem)
    print("COMPARED", "OK" if not problems else f"{len(problems)} problems")


def flows(env):
    """Today's code on the old records."""
    results = []

    def retier():
        return f"{env['res.partner'].kam_recompute_tiers()} accounts re-tiered"

    def order_under_credit_control():
        Partner = env["res.partner"].with_context(active_test=False)
        controlled = Partner.search([("is_company", "=", True)]).filtered(
            lambda p: p.channel_credit_policy in ("block", "approve")
        )
        free = controlled.filtered(
            lambda p: not p.channel_credit_hold and p.channel_credit_available > 1000
        )[:1]
        assert free, "the old database has a distributor within its limit"
        held = controlled.filtered("channel_credit_hold")[:1]
        if not held:  # the first release's demo holds nobody: a Credit Manager holds one
            held = (controlled - free)[:1]
            assert held, "the old database has a second controlled distributor"
            hold = env["channel.credit.hold"].create(
                {"partner_id": held.id, "reason": "Cheque returned by the bank"}
            )
            hold.action_confirm()
        product = env["product.product"].search([("sale_ok", "=", True)], limit=1)
        line = {"product_id": product.id, "product_uom_qty": 1, "price_unit": 100}
        ok = env["sale.order"].create({"partner_id": free.id, "order_line": [(0, 0, line)]})
        ok.action_confirm()
        assert ok.state == "sale", f"{free.name}: within its limit, confirmed"
        stopped = env["sale.order"].create({"partner_id": held.id, "order_line": [(0, 0, line)]})
        try:
            with env.cr.savepoint():
                stopped.action_confirm()
        except UserError:
            pass
        assert stopped.state != "sale", f"{held.name} is on hold: its order stays unconfirmed"
        return f"{free.name} confirmed, {held.name} held"

    def complete_visit():
        visit = env["kam.visit"].search([("state", "=", "planned")], limit=1, order="date_planned")
        assert visit, "the old database has a planned visit"
        if visit.date_planned > fields.Datetime.now():
            # A visit is completed on its day or later: the rep moved it to this morning.
            visit.date_planned = fields.Datetime.now() - timedelta(hours=1)
        Complete = env["kam.visit.complete"].with_context(default_visit_id=visit.id)
        outcome = Complete._fields["outcome"]._description_selection(env)[0][0]
        wizard = Complete.create(
            {
                "summary": "Pressure test results reviewed",
                "outcome": outcome,
                "next_step": "Send the revised quotation",
                "next_step_date": fields.Date.context_today(visit) + timedelta(days=3),
            }
        )
        wizard.action_confirm()
        assert visit.state == "done"
        return f"visit {visit.display_name} done"

    def nightly_jobs():
        data = env["ir.model.data"].search([("module", "in", ours(env)), ("model", "=", "ir.cron")])
        jobs = env["ir.cron"].browse(data.mapped("res_id")).exists()
        for job in jobs:
            with env.cr.savepoint():
                job.ir_actions_server_id.run()
        return f"{len(jobs)} jobs ran"

    # The first night after the update comes first: its holds are what orders meet.
    for name, function in (
        ("every nightly job once", nightly_jobs),
        ("re-tier", retier),
        ("order under credit control", order_under_credit_control),
        ("complete a visit", complete_visit),
    ):
        try:
            with env.cr.savepoint():
                results.append((name, "OK", function()))
        except Exception:  # noqa: BLE001 - every failure is reported, then the run fails
            results.append((name, "FAILED", traceback.format_exc(limit=6)))
    for name, status, detail in results:
        print(f"FLOW {status} {name}: {detail}")
    env.cr.rollback()
    print("FLOWS", "OK" if all(s == "OK" for _n, s, _d in results) else "FAILED")

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .. import rules

NUMBER_TYPES = ("float", "monetary", "integer")
DATE_TYPES = ("date", "datetime")


def checked_fields(model, prefix="", names=None):
    """Names of ``model``'s number and date fields (starting with ``prefix``), among ``names``
    when given (a write looks at what it writes, not at every field of the model)."""
    fields_ = model._fields
    return {
        name
        for name in (fields_ if names is None else names)
        if name.startswith(prefix)
        and name in fields_
        and fields_[name].type in NUMBER_TYPES + DATE_TYPES
    }


def check_own_input(model, vals_list, prefix="", create=False):
    """check_input() on this addon's fields of ``model`` (all of them on create, where
    defaults fill values in; only the written ones on write)."""
    names = checked_fields(model, prefix, None if create else vals_list[0].keys())
    check_input(model, vals_list, names, create=create)


def refuse_system_fields(model, vals, names):
    """Figures the system computes (and stores) can be written over RPC like any field: refuse
    them to everyone but the system itself."""
    given = [name for name in names if name in vals]
    if given and not model.env.su:
        labels = ", ".join(model._fields[name]._description_string(model.env) for name in given)
        raise AccessError(
            model.env._(
                "These figures are computed by the system and cannot be set by hand: "
                "%(fields)s.",
                fields=labels,
            )
        )


def check_input(model, vals_list, names, create=False):
    """Refuse with a readable ValidationError what no column or date arithmetic can take:
    NaN and ±infinity, integers beyond PostgreSQL's int4, dates outside
    rules.DATE_MIN..DATE_MAX.

    Run on the values given to create() and write() (and the defaults create() fills in),
    before the ORM converts them: rounding a NaN amount raises a bare ValueError and an int4
    overflow aborts the whole transaction, both before any @api.constrains runs. Imports,
    copies, one2many commands and context defaults all come through here."""
    defaults = model.default_get(sorted(names)) if create and names else {}
    for vals in vals_list:
        given = {**defaults, **vals} if defaults else vals
        for name in sorted(names & given.keys()):
            field = model._fields[name]
            problem = (
                _number_problem(model.env, field, given[name])
                if field.type in NUMBER_TYPES
                else _date_problem(model.env, field, given[name])
            )
            if problem:
                raise ValidationError(problem)


def _number_problem(env, field, value):
    label = field._description_string(env)
    if not rules.finite_number(value):
        return env._("%(field)s: %(value)s is not a finite number.", field=label, value=value)
    if field.type == "integer" and not rules.fits_int4(value):
        return env._(
            "%(field)s: %(value)s is out of range (at most %(max)s in absolute value).",
            field=label,
            value=value,
            max=rules.INT4_MAX,
        )
    return None


def _date_problem(env, field, value):
    label = field._description_string(env)
    try:
        if field.type == "date":
            day = fields.Date.to_date(value)
        else:
            day = fields.Datetime.to_datetime(value)
    except (TypeError, ValueError, OverflowError):
        day = None
    if value and not day:
        return env._("%(field)s: %(value)s is not a valid date.", field=label, value=value)
    if not rules.date_in_range(day):
        return env._(
            "%(field)s must lie between %(min)s and %(max)s.",
            field=label,
            min=rules.DATE_MIN,
            max=rules.DATE_MAX,
        )
    return None


class KamInputMixin(models.AbstractModel):
    """check_input() on every create() and write() of this addon's own models."""

    _name = "kam.input.mixin"
    _description = "Key-Account Input Checks"

    @api.model_create_multi
    def create(self, vals_list):
        check_own_input(self, vals_list, create=True)
        return super().create(vals_list)

    def write(self, vals):
        check_own_input(self, [vals])
        return super().write(vals)

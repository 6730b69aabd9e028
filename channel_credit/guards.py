"""Server-side guards on the values that credit decisions are built from (no business rules
here: those are in rules.py)."""

import math

from odoo.exceptions import AccessError, ValidationError

# PostgreSQL's integer column range: past it, the database raises an unreadable error.
INT_MIN, INT_MAX = -(2**31), 2**31 - 1


def refuse_forged_figures(model, vals_list, names):
    """Stored computed figures (totals, rates, invoiced quantities, residuals) and the links
    they are computed from can be written over RPC like any field; credit exposure is built
    from them, so only Odoo itself and administrators may write them."""
    env = model.env
    if env.su or env.is_system():
        return
    forged = {name for vals in vals_list for name in vals} & names
    if forged:
        raise AccessError(
            env._(
                "%(fields)s of %(model)s are set by Odoo itself and cannot be changed directly.",
                fields=", ".join(sorted(model._fields[name].string for name in forged)),
                model=model._description,
            )
        )


def check_numbers(model, vals_list, names=None):
    """Refuse NaN, infinities and integers out of the database's range with a readable error,
    before the database sees them."""
    for vals in vals_list:
        for name, value in vals.items():
            if names is not None and name not in names:
                continue
            field = model._fields.get(name)
            if field is None or isinstance(value, bool) or value is None:
                continue
            if field.type in ("float", "monetary") and isinstance(value, int | float):
                bad = not math.isfinite(value)
            elif field.type == "integer" and isinstance(value, int | float):
                bad = not math.isfinite(value) or not INT_MIN <= value <= INT_MAX
            else:
                continue
            if bad:
                raise ValidationError(
                    model.env._(
                        "%(field)s: %(value)s is not a valid number.",
                        field=field.string,
                        value=value,
                    )
                )

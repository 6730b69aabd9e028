from ..workbook import Workbook


def column_titles(env, values, company=None):
    """A table header's values as its columns were declared: money columns without the
    unit the workbook adds to them (b2b_xlsx's own tests check the unit)."""
    suffix = Workbook(env, company or env.company).money_title("")
    return [v.removesuffix(suffix) if isinstance(v, str) else v for v in values]

"""Recruitment rules as plain functions (no ORM)."""

from odoo.addons.distributor_management.rules import grade

# A candidate's recommendation is the first floor its score reaches, as a distributor's grade.
recommendation = grade


def selection_score(scores):
    """The weighted selection score, 0 to 100, of ``scores`` ((weight, score 0-5) pairs; a
    score of 0 is not scored and left out); None when nothing weighing was scored."""
    scored = [
        (weight, int(score)) for weight, score in scores if int(score or 0) > 0 and weight > 0
    ]
    total = sum(weight for weight, _score in scored)
    if not total:
        return None
    return round(sum(weight * score / 5 * 100 for weight, score in scored) / total, 1)

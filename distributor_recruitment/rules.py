"""Recruitment rules as plain functions (no ORM)."""


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


def recommendation(score, floors):
    """The first recommendation of ``floors`` the score reaches; False without a score."""
    if score is None:
        return False
    for key, floor in floors:
        if round(score - floor, 6) >= 0:
            return key
    return floors[-1][0]

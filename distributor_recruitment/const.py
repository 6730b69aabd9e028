"""Constants of distributor recruitment (招商)."""

DISTRIBUTOR_TYPES = [
    ("wholesale", "Wholesale (批发型)"),
    ("terminal", "Terminal (终端型)"),
    ("mixed", "Mixed"),
]
PLAN_STATES = [("draft", "Draft"), ("running", "Running"), ("done", "Done")]
CRITERION_KINDS = [("qualitative", "Qualitative"), ("quantitative", "Quantitative")]
# A criterion scored 1 (poor) to 5 (excellent); 0 is not scored yet and does not count.
SCORE_LEVELS = [
    ("0", "Not Scored"),
    ("1", "Poor"),
    ("2", "Fair"),
    ("3", "Good"),
    ("4", "Very Good"),
    ("5", "Excellent"),
]
RECOMMENDATIONS = [
    ("recommended", "Recommended"),
    ("possible", "Possible"),
    ("not_recommended", "Not Recommended"),
]
# The lowest selection score (0-100) of each recommendation, best first.
RECOMMENDATION_FLOORS = (("recommended", 75), ("possible", 60), ("not_recommended", 0))

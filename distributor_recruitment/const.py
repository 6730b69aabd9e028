"""Constants of distributor recruitment (招商)."""

# The distributor types that replaced 18.0.1.0.0's selection keys (see its migration).
DISTRIBUTOR_TYPE_KEYS = {
    "wholesale": "distributor_management.distributor_type_wholesale",
    "terminal": "distributor_management.distributor_type_terminal",
    "mixed": "distributor_management.distributor_type_mixed",
}
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

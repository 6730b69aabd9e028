"""Constants of the distributor app, read by several of its files."""

from odoo.addons.b2b_base.const import APPROVED, REJECTED, SUBMITTED

MANAGER_GROUP = "distributor_management.group_distributor_manager"

AGREEMENT_STATES = [
    ("draft", "Draft"),
    (SUBMITTED, "To Approve"),
    # Approved agreements are in force from their start date to their end date.
    (APPROVED, "Active"),
    (REJECTED, "Rejected"),
    ("expired", "Expired"),
    ("terminated", "Terminated"),
]
# The states in which an agreement binds its territories.
BINDING_STATES = (APPROVED,)
# Set by the approval workflow only, never by a create or write from a person.
WORKFLOW_FIELDS = frozenset(
    {
        "state",
        "submitted_by_id",
        "approved_by_id",
        "approved_date",
        "rejection_reason",
        "termination_reason",
        "terminated_date",
        "renewed_from_id",
    }
)

TERRITORY_LEVELS = [("province", "Province"), ("city", "City"), ("district", "District")]
TARGET_SPLITS = [("month", "Monthly"), ("quarter", "Quarterly")]

VIOLATION_KINDS = [
    ("cross_territory", "Cross-territory Selling (窜货)"),
    ("below_price", "Selling below the Price Policy (乱价)"),
    ("other", "Other Breach of the Agreement"),
]
VIOLATION_STATES = [
    ("reported", "Reported"),
    ("confirmed", "Confirmed"),
    ("dismissed", "Dismissed"),
]
# Decided by a Channel Manager only; the state moves by the buttons only.
VIOLATION_DECISION_FIELDS = frozenset({"penalty", "decision_note"})
VIOLATION_WORKFLOW_FIELDS = frozenset({"state", "reported_by_id", "decided_by_id", "decided_date"})

# The rebate ledger (返利): accrued by the system from collected money, approved by Channel
# Managers who did not accrue it, settled by a credit note or a discount line on an order (a
# claw-back by an invoice).
REBATE_STATES = [
    ("accrued", "Accrued"),
    (APPROVED, "Approved"),
    ("settled", "Settled"),
    ("cancelled", "Cancelled"),
]
# An entry still open: its period is not accrued again until it is settled or cancelled.
REBATE_OPEN_STATES = ("accrued", APPROVED)
# The agreements whose targets earn rebates: in force, or ended (late money still counts).
REBATE_AGREEMENT_STATES = (APPROVED, "expired", "terminated")

# Who a distributor sells on to: its network, which the scorecard and a territory map read.
OUTLET_TYPES = [
    ("sub_distributor", "Sub-distributor (二级分销商)"),
    ("terminal", "Terminal (终端)"),
]

# The distributor scorecard (经销商评估): its factors, each scored 0-100 and weighed by the
# company's weight; a factor without anything to judge is left out of the weighing.
EVALUATION_FACTORS = (
    "attainment",
    "growth",
    "payment",
    "stock",
    "network",
    "violation",
    "cooperation",
    "cost",
)
EVALUATION_STATES = [("draft", "Draft"), ("confirmed", "Confirmed")]
COOPERATION_LEVELS = [
    ("1", "Poor"),
    ("2", "Fair"),
    ("3", "Good"),
    ("4", "Very Good"),
    ("5", "Excellent"),
]
# The lowest score of each grade, best first.
GRADE_FLOORS = (("A", 85), ("B", 70), ("C", 55), ("D", 0))
GRADES = [(grade, grade) for grade, _floor in GRADE_FLOORS]
EVALUATION_PROPOSALS = [
    ("expand", "Renew and Expand the Territory"),
    ("renew", "Renew"),
    ("warning", "Warning and Improvement Plan"),
    ("terminate", "Terminate"),
    ("credit_review", "New Credit Review"),
]
# What each grade proposes; the one who confirms may choose another.
GRADE_PROPOSALS = {"A": "expand", "B": "renew", "C": "warning", "D": "terminate"}
# One confirmed violation halves the factor, two leave nothing.
VIOLATION_PENALTY_POINTS = 50
# Payment discipline: a point off per day the period's money came late on average, ten per
# lapse (a promise to pay broken, an order stopped by credit: with Channel Credit).
LATE_DAY_POINTS = 1.0
PAYMENT_LAPSE_POINTS = 10.0
# Growth: the same money as the period before scores 50, 20 % more or less 100 or 0.
GROWTH_POINTS_PER_RATIO = 250
# What an evaluation's figures are read and scored from: changed, they are evaluated again.
EVALUATION_INPUTS = frozenset(
    {"partner_id", "company_id", "date_from", "date_to", "cooperation", "user_id"}
)
# Set by the evaluation only, never by a create or write from a person.
EVALUATION_FIGURES = frozenset(
    {
        "state",
        "evaluated_date",
        "evaluated_by_id",
        "confirmed_by_id",
        "confirmed_date",
        "target_amount",
        "net_collected",
        "attainment",
        "collected",
        "prior_collected",
        "due_amount",
        "paid_on_time",
        "days_late",
        "report_lines",
        "overstock_lines",
        "outlet_count",
        "violation_count",
        "cost_to_serve",
        "score",
        "grade",
    }
    | {f"{factor}_score" for factor in EVALUATION_FACTORS}
)
# The company's weight of each factor, as the company scores them unless it sets its own.
EVALUATION_DEFAULT_WEIGHTS = {
    "attainment": 30,
    "growth": 10,
    "payment": 20,
    "stock": 10,
    "network": 10,
    "violation": 10,
    "cooperation": 10,
    "cost": 10,
}
# Cost to serve: what the distributor costs in rebates and marketing funds, as a share of its
# net collected money; 100 up to the first share, 0 from the second.
COST_SHARE_FULL_MARKS = 0.05
COST_SHARE_NO_MARKS = 0.25
# The distributor satisfaction survey (经销商满意度): what the distributor rates us on, each
# from 1 (very dissatisfied) to 5; 0 is not rated and does not count.
SATISFACTION_LEVELS = [
    ("0", "Not Rated"),
    ("1", "Very Dissatisfied"),
    ("2", "Dissatisfied"),
    ("3", "Neutral"),
    ("4", "Satisfied"),
    ("5", "Very Satisfied"),
]
SATISFACTION_ASPECTS = (
    "product_rating",
    "delivery_rating",
    "margin_rating",
    "support_rating",
    "service_rating",
    "management_rating",
)

# What a distributor's own people may send from the portal: one workbook (.xlsx) of at most
# this size, at most this many files an hour each, for one of the last closed months.
PORTAL_UPLOAD_MAX_BYTES = 2 * 1024 * 1024
PORTAL_UPLOADS_PER_HOUR = 10
PORTAL_REPORT_MONTHS = 3
PORTAL_UPLOAD_STATES = [("imported", "Imported"), ("refused", "Refused")]
# Lines a distributor types on the portal page instead of sending a file (more: the file), and
# the name its entry is logged under.
PORTAL_ENTRY_ROWS = 8
PORTAL_ENTERED_FILENAME = "entered-on-the-page.xlsx"

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
# Managers who did not accrue it, settled by a credit note (a claw-back by an invoice).
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

"""Channel Credit's selections and the figures its models and reports share."""

CHANNEL_TYPES = [
    ("wholesale", "Wholesale"),
    ("retail", "Retail / Terminal"),
    ("project", "Project"),
    ("other", "Other"),
]
CREDIT_GRADES = [("aaa", "AAA"), ("aa", "AA"), ("a", "A"), ("b", "B"), ("c", "C"), ("d", "D")]
CREDIT_POLICIES = [
    ("warn", "Warn"),
    ("block", "Block"),
    ("approval", "Approval"),
    ("prepay", "Cash Before Delivery"),
]
MAX_TERM_DAYS = 365
# The daily job works on this many partners at a time (one savepoint each).
DAILY_BATCH = 1000
# The sales a suggested limit is calculated from: the last six months (182 days).
SUGGESTION_MONTHS, SUGGESTION_DAYS = 6, 182
MAX_OVERDUE_DAYS = 3650
# Who reads credit profiles and figures: Odoo's rule for credit_limit, plus sales users.
CREDIT_READERS = (
    "channel_credit.group_channel_credit_user,"
    "account.group_account_invoice,account.group_account_readonly"
)
# Who reads every distributor's credit figures; other salespeople read their own distributors'.
FIGURE_READERS = (
    "sales_team.group_sale_manager",
    "channel_credit.group_channel_credit_manager",
    "account.group_account_invoice",
    "account.group_account_readonly",
)

# Transaction-wide set of the order ids whose change is being checked by an outer call, so the
# line writes that an order write makes are checked once, by the outer call (a context key
# would be forgeable over RPC).
WATCHED = "channel_credit_watched_orders"
# Set while orders are created: their lines are checked once, with the new orders.
CREATING = "channel_credit_creating_orders"
# Set while Odoo cancels orders (_action_cancel): the one way a confirmed order leaves its state.
CANCELLING = "channel_credit_cancelling_orders"
# What a quotation's credit check says, before confirming it.
CREDIT_STATES = [
    ("ok", "Within Credit"),
    ("warn", "Over Credit (Warning)"),
    ("needs_release", "Needs Credit Approval"),
    ("requested", "Awaiting Credit Approval"),
    ("released", "Credit Approved"),
    ("blocked", "Blocked by Credit"),
]
# Set while a collection contact records its promises: the plan lines it writes are its own.
PROMISING = "channel_credit_promising"
# The channel of the conversations a distributor records itself in the portal: only the
# portal logs them, as each one counts as the distributor's own open promise there.
PORTAL_CHANNEL = "portal"
# How far ahead a distributor may promise a payment in the portal.
PORTAL_PROMISE_DAYS = 60
# Ages in days (as-of date minus due date) of each bucket: (field, lowest, highest).
AGING_BUCKETS = (
    ("amount_current", None, 0),
    ("amount_1_30", 1, 30),
    ("amount_31_60", 31, 60),
    ("amount_61_90", 61, 90),
    ("amount_over_90", 91, None),
)
# A statement of account (对账单) and its lines, as the distributor answers them.
STATEMENT_STATES = [("open", "To Confirm"), ("disputed", "Disputed"), ("confirmed", "Confirmed")]
STATEMENT_LINE_STATES = [
    ("pending", "To Confirm"),
    ("confirmed", "Confirmed"),
    ("disputed", "Disputed"),
]
STATEMENT_KINDS = [
    ("invoice", "Invoice"),
    ("refund", "Credit Note"),
    ("payment", "Payment"),
    ("other", "Other Entry"),
]
# The holds the overdue rules set (their reason is re-read with today's overdue days).
OVERDUE_HOLDS = ("dunning", "overdue")

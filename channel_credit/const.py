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

"""Channel-credit rules as plain functions (no ORM), so each can be read and tested alone."""

GRADES = ("aaa", "aa", "a", "b", "c", "d")


def effective_limit(base_limit, temp_limit, temp_until, today):
    """The base credit limit plus a temporary increase that has not expired yet."""
    temp = temp_limit if temp_limit and temp_until and temp_until >= today else 0.0
    return (base_limit or 0.0) + temp


def within_limit(exposure, limit, rounding=0.01):
    """Exposure exactly at the limit passes; one rounding unit (a cent) more does not."""
    return round((limit - exposure) / rounding) >= 0


def overdue_too_long(max_days_overdue, allowed_days):
    """The overdue rule: an invoice overdue longer than the allowed days holds the partner."""
    return max_days_overdue > allowed_days


def sales_to_recover(loss, net_margin):
    """Extra sales needed to earn back a loss at a net margin: loss / margin."""
    if net_margin <= 0:
        raise ValueError("net margin must be positive")
    return loss / net_margin


def financing_cost(amount, annual_rate, days_overdue):
    """What late payment costs in financing: amount x annual rate x days overdue / 365."""
    return financing_cost_of_amount_days(amount * max(days_overdue, 0), annual_rate)


def financing_cost_of_amount_days(amount_days, annual_rate):
    """The same for many items at once, given the sum of amount x days overdue."""
    return amount_days * annual_rate / 365.0


def suggested_limit(monthly_sales, term_days, grade_factor):
    """Credit limit suggestion: average monthly sales x (term days / 30) x grade factor.
    No sales history gives no suggestion (None), never a limit of 0."""
    if monthly_sales <= 0:
        return None
    return monthly_sales * term_days / 30.0 * grade_factor


def release_still_valid(release_amount, order_amount, decided_days_ago, max_growth, max_age_days):
    """An approved release covers its order once, unless the order grew by more than
    ``max_growth`` (a share) or the approval is older than ``max_age_days``."""
    return (
        decided_days_ago <= max_age_days
        and order_amount <= release_amount * (1 + max_growth) + 1e-9
    )


# The cost of waiting and of bad debt ----------------------------------------------------------

# The training's table: losses against net margins.
BAD_DEBT_LOSSES = (500, 1000, 5000, 10000, 50000, 100000)
BAD_DEBT_MARGINS = (0.02, 0.03, 0.04, 0.05, 0.06)


def bad_debt_table(losses=BAD_DEBT_LOSSES, margins=BAD_DEBT_MARGINS):
    """Extra sales needed to earn back each loss at each net margin: one row per loss."""
    return [[sales_to_recover(loss, margin) for margin in margins] for loss in losses]


def days_until_margin_gone(net_margin, annual_rate):
    """ "Working for the bank": the days after invoicing when financing the unpaid invoice has
    cost as much as the sale earned (margin x 365 / rate); None when money costs nothing."""
    if annual_rate <= 0:
        return None
    return net_margin * 365.0 / annual_rate


def months_of_sales(amount, monthly_sales):
    """How many months of a distributor's own sales ``amount`` stands for; None without sales."""
    if monthly_sales <= 0:
        return None
    return amount / monthly_sales

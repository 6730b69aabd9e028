"""Key Account Management's selections and the constants its models share."""

MANAGER_GROUP = "key_account_management.group_kam_manager"
VALUE_CLASSES = [("a", "A"), ("b", "B"), ("c", "C")]
QUADRANT_SELECTION = [
    ("attack", "Attack"),
    ("defend", "Defend"),
    ("maintain", "Maintain"),
    ("abandon", "Abandon"),
]
# The training's two charts disagree on one quadrant; the matrix potential x share decides.
QUADRANT_HELP = (
    "Purchase potential x wallet share. Attack: high potential, low share (win more of it). "
    "Defend: high potential, high share. Maintain: low potential, high share. Abandon: low "
    "potential, low share. Where the training's charts disagree, this matrix decides."
)
CARE_STATUS_SELECTION = [
    ("never", "Never Visited"),
    ("ok", "On Rhythm"),
    ("due", "Visit Due"),
    ("overdue", "Overdue"),
    ("over_care", "Over-care"),
]
# Changes per scheduled-action batch (the cron framework commits between batches, so row locks
# stay short).
CRON_BATCH = 20000
VISIT_TYPES = [
    ("onsite", "On-site Visit"),
    ("phone", "Phone"),
    ("video", "Video"),
    ("reception", "Reception at Our Site"),
    ("event", "Event"),
]
MEETING_OUTCOMES = [
    ("order", "Order"),
    ("advance", "Advance"),
    ("continuation", "Continuation"),
    ("no_sale", "No Sale"),
]
RELATIONSHIP_LEVELS = [
    ("1", "1 - Helps with work"),
    ("2", "2 - Talks as equals"),
    ("3", "3 - Solves their problems"),
    ("4", "4 - Family-like trust"),
]
BRAIN_PROFILES = [
    ("a", "A - Analytical"),
    ("b", "B - Sequential"),
    ("c", "C - Interpersonal"),
    ("d", "D - Imaginative"),
    ("ab", "AB - Analytical and sequential"),
    ("ad", "AD - Analytical and imaginative"),
    ("bc", "BC - Sequential and interpersonal"),
    ("cd", "CD - Interpersonal and imaginative"),
    ("ac", "AC - Analytical and interpersonal"),
    ("bd", "BD - Sequential and imaginative"),
    ("whole", "Whole-brain"),
]
BUYER_STAGES = [
    ("need", "Recognising the need"),
    ("options", "Weighing the options"),
    ("concerns", "Resolving concerns"),
    ("decision", "Deciding"),
    ("implementation", "Implementing"),
]
SATISFACTION = [
    ("1", "Very dissatisfied"),
    ("2", "Dissatisfied"),
    ("3", "Neutral"),
    ("4", "Satisfied"),
    ("5", "Very satisfied"),
]

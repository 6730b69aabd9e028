"""Constants more than one addon reads."""

# The approval vocabulary (b2b.approval.mixin): the state keys of every request that someone
# else decides. Each model keeps its own other states (draft, used, expired, cancelled) and
# the labels its customers use.
SUBMITTED = "submitted"
APPROVED = "approved"
REJECTED = "rejected"

{
    "name": "Channel Credit for Key Accounts",
    "summary": "Shows each key account's credit status and holds when both addons are installed",
    "version": "18.0.1.1.1",
    "category": "Sales/Sales",
    "author": "Kaizen B2B Apps",
    "license": "LGPL-3",
    "depends": ["key_account_management", "channel_credit"],
    "data": ["views/kam_account_views.xml"],
    "auto_install": True,
}

{
    "name": "Channel Credit for Distributors",
    "summary": "Starts a new distributor's credit review from its distribution agreement when "
    "both apps are installed",
    "version": "18.0.1.1.0",
    "category": "Sales/Sales",
    "author": "Kaizen B2B Apps",
    "license": "LGPL-3",
    "depends": ["distributor_management", "channel_credit"],
    "data": [
        "views/distributor_agreement_views.xml",
        "views/distributor_evaluation_views.xml",
    ],
    "demo": ["demo/portal_demo.xml"],
    "auto_install": True,
    "uninstall_hook": "uninstall_hook",
}

{
    "name": "Channel Credit",
    "summary": "Distributor credit limits, explainable exposure, server-enforced credit holds "
    "with audited release, collection follow-up, aging and the cost of bad debt",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "author": "Kaizen B2B Apps",
    "license": "LGPL-3",
    "depends": ["sale_management", "account", "b2b_xlsx"],
    "data": [
        "security/channel_credit_security.xml",
        "security/ir.model.access.csv",
        "security/channel_credit_rules.xml",
        "data/ir_default_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "views/res_partner_views.xml",
        "views/channel_credit_release_views.xml",
        "views/sale_order_views.xml",
        "views/channel_credit_review_views.xml",
        "views/channel_collection_plan_views.xml",
        "wizards/channel_credit_report_export_views.xml",
        "wizards/channel_credit_limit_apply_views.xml",
        "views/res_config_settings_views.xml",
        "views/channel_credit_menus.xml",
    ],
    "assets": {
        "web.assets_tests": ["channel_credit/static/tests/tours/*.js"],
    },
    "demo": [
        "demo/res_partner_demo.xml",
        "demo/channel_credit_demo.xml",
    ],
}

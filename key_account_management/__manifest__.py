{
    "name": "Key Account Management",
    "summary": "80/20 key-account tiers, the offense/defense matrix, 1+2+1 buying-role "
    "coverage and a disciplined visit rhythm",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "author": "Kaizen B2B Apps",
    "license": "LGPL-3",
    "depends": ["crm", "sale_management", "contacts"],
    "data": [
        "security/key_account_management_security.xml",
        "security/ir.model.access.csv",
        "security/key_account_management_rules.xml",
        "data/kam_tier_data.xml",
        "data/ir_cron_data.xml",
        "data/crm_stage_data.xml",
        "views/kam_account_views.xml",
        "views/kam_tier_views.xml",
        "views/kam_tier_history_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/crm_lead_views.xml",
        "views/key_account_management_menus.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
        "demo/kam_account_demo.xml",
        "demo/crm_lead_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["key_account_management/static/tests/tours/*.js"],
    },
    "application": True,
}

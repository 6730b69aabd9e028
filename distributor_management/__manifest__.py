{
    "name": "Distributor Management",
    "summary": "Distribution agreements (经销协议) with territories, exclusivity, product lines "
    "and targets, attainment on collected money, violations, approved by four eyes",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "author": "Kaizen B2B Apps",
    "license": "LGPL-3",
    "depends": ["sale_management", "account", "b2b_base"],
    "data": [
        "security/distributor_management_security.xml",
        "security/ir.model.access.csv",
        "security/distributor_management_rules.xml",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "wizards/distributor_agreement_decide_views.xml",
        "views/distributor_territory_views.xml",
        "views/distributor_product_line_views.xml",
        "views/distributor_agreement_views.xml",
        "views/distributor_agreement_target_views.xml",
        "views/distributor_violation_views.xml",
        "views/res_partner_views.xml",
        "views/distributor_management_menus.xml",
    ],
    "demo": [
        "demo/distributor_territory_demo.xml",
        "demo/distributor_agreement_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["distributor_management/static/tests/tours/*.js"],
    },
    "application": True,
}

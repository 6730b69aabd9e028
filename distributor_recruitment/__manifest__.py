{
    "name": "Distributor Recruitment",
    "summary": "Recruiting distributors (招商): plans per region, new-market surveys, candidates "
    "in a CRM pipeline, a weighted selection scorecard compared side by side, signing into an "
    "agreement",
    "version": "18.0.1.1.0",
    "category": "Sales/Sales",
    "author": "Kaizen B2B Apps",
    "license": "LGPL-3",
    "depends": ["distributor_management", "crm", "sale_crm"],
    "data": [
        "security/ir.model.access.csv",
        "security/distributor_recruitment_rules.xml",
        "data/crm_team_data.xml",
        "data/distributor_selection_criterion_data.xml",
        "views/distributor_selection_criterion_views.xml",
        "views/distributor_candidate_score_views.xml",
        "views/distributor_recruitment_plan_views.xml",
        "views/distributor_market_survey_views.xml",
        "views/crm_lead_views.xml",
        "views/distributor_recruitment_menus.xml",
    ],
    "demo": ["demo/distributor_recruitment_demo.xml"],
    "auto_install": True,
}

{
    "name": "Channel Credit",
    "summary": "Distributor credit limits, explainable exposure, server-enforced credit holds "
    "with audited release, collection follow-up, aging and the cost of bad debt",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "author": "Kaizen B2B Apps",
    "license": "LGPL-3",
    "depends": ["sale_management", "account"],
    "data": [
        "security/channel_credit_security.xml",
        "views/channel_credit_menus.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
    ],
}

{
    "name": "Distributor Visits",
    "summary": "Market representatives' visits to distributors in the Key Accounts visit log, "
    "with the last and next visit in their week",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "author": "Kaizen B2B Apps",
    "license": "LGPL-3",
    "depends": ["distributor_management", "key_account_management"],
    "data": ["views/distributor_agreement_views.xml"],
    "auto_install": True,
}

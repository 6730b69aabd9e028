"""Relationship profiles (客情): the levels and whole-brain profiles recorded on deals move to
each contact's profile (the highest level recorded, the latest whole-brain profile; deals
without a company have no profile to go to); the default tiers (noupdate data) get their care
reminders and the six steps the buyer stage each needs."""

BUYER_STAGES = {
    "crm_stage_uncover_needs": "need",
    "crm_stage_present_value": "options",
    "crm_stage_win_commitment": "decision",
}
CARE = {
    "kam_tier_strategic": (True, True),
    "kam_tier_key": (True, True),
    "kam_tier_growth": (False, True),
}


def migrate(cr, version):
    cr.execute(
        """
        SELECT 1 FROM information_schema.columns
         WHERE table_name = 'kam_deal_role' AND column_name = 'relationship_level'
        """
    )
    if cr.fetchone():
        cr.execute(
            """
            INSERT INTO kam_relationship (partner_id, customer_id, company_id, user_id, level,
                   brain_profile, create_uid, create_date, write_uid, write_date)
            SELECT r.partner_id, MIN(p.commercial_partner_id), l.company_id,
                   (ARRAY_AGG(COALESCE(l.user_id, r.create_uid) ORDER BY r.write_date DESC))[1],
                   NULLIF(LEAST(GREATEST(MAX(r.relationship_level), 0), 4), 0)::varchar,
                   (ARRAY_AGG(r.brain_profile ORDER BY r.write_date DESC)
                        FILTER (WHERE r.brain_profile IS NOT NULL))[1],
                   MIN(r.create_uid), now() AT TIME ZONE 'UTC', MIN(r.write_uid),
                   now() AT TIME ZONE 'UTC'
              FROM kam_deal_role r
              JOIN crm_lead l ON l.id = r.lead_id
              JOIN res_partner p ON p.id = r.partner_id
             WHERE l.company_id IS NOT NULL AND NOT p.is_company
               AND (COALESCE(r.relationship_level, 0) > 0 OR r.brain_profile IS NOT NULL)
          GROUP BY r.partner_id, l.company_id
            ON CONFLICT (partner_id, company_id) DO NOTHING
            """
        )
        cr.execute(
            """
            UPDATE kam_relationship r SET account_id = a.id
              FROM kam_account a
             WHERE a.partner_id = r.customer_id AND a.company_id = r.company_id
               AND r.account_id IS NULL
            """
        )
    for xmlid, stage in BUYER_STAGES.items():
        cr.execute(
            """
            UPDATE crm_stage SET kam_buyer_stage = %s
             WHERE kam_buyer_stage IS NULL
               AND id = (SELECT res_id FROM ir_model_data
                          WHERE module = 'key_account_management' AND name = %s)
            """,
            (stage, xmlid),
        )
    for xmlid, (birthday, festivals) in CARE.items():
        cr.execute(
            """
            UPDATE kam_tier SET care_birthday = %s, care_festivals = %s
             WHERE id = (SELECT res_id FROM ir_model_data
                          WHERE module = 'key_account_management' AND name = %s)
            """,
            (birthday, festivals, xmlid),
        )

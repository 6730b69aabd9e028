"""Only collected money counts: the sixth step is no longer the won stage; its deals are won
once paid (the stage data is noupdate, so an existing database is changed here)."""


def migrate(cr, version):
    cr.execute(
        """
        UPDATE crm_stage SET is_won = FALSE, kam_won_when_paid = TRUE
         WHERE id = (SELECT res_id FROM ir_model_data
                      WHERE module = 'key_account_management'
                        AND name = 'crm_stage_collect_payment')
        """
    )

from . import channel_credit_report_export

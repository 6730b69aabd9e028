from . import channel_credit_aging
from . import channel_credit_xlsx

from . import channel_credit_aging
from . import channel_credit_xlsx
from . import channel_collection_desk

from . import distributor_selection_criterion
from . import distributor_recruitment_plan
from . import distributor_market_survey
from . import distributor_candidate_score
from . import crm_lead

from . import distributor_territory
from . import distributor_product_line
from . import distributor_agreement
from . import distributor_agreement_workflow
from . import distributor_agreement_part
from . import distributor_agreement_territory
from . import distributor_agreement_target
from . import res_partner

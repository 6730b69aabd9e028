from . import sale_order
from . import sale_order_line
from . import stock_move
from . import stock_move_line
from . import stock_picking

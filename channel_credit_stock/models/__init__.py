from . import stock_picking

{
    "name": "Channel Credit: Cash Before Delivery",
    "summary": "Holds the deliveries of cash-before-delivery distributors until their order is "
    "paid, when Channel Credit and Inventory are both installed",
    "version": "18.0.1.1.0",
    "category": "Sales/Sales",
    "author": "Kaizen B2B Apps",
    "license": "LGPL-3",
    "depends": ["channel_credit", "sale_stock"],
    "data": ["views/stock_picking_views.xml", "views/sale_order_views.xml"],
    "demo": ["demo/channel_credit_stock_demo.xml"],
    "auto_install": True,
}

/** @odoo-module **/

import { registry } from "@web/core/registry";

// A rep logs a customer's complaint from the Complaints menu: New, the customer, the words, save.
registry.category("web_tour.tours").add("kam_complaint_new_tour", {
    url: "/odoo/action-key_account_management.kam_complaint_action",
    steps: () => [
        {
            content: "Log a new complaint",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "The customer who complains",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit 博德精密",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('博德精密机械')",
            run: "click",
        },
        {
            content: "What the customer says",
            trigger: ".o_field_widget[name=description] textarea",
            run: "edit 上批DN50阀门法兰处渗漏",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved: it has its reference and waits for the first response",
            trigger: ".o_form_saved .o_statusbar_status button.o_arrow_button_current[data-value=new]",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=name]:contains('CP/')",
        },
    ],
});

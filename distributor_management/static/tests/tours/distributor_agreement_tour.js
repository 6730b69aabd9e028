/** @odoo-module **/

import { registry } from "@web/core/registry";

// A market representative prepares a new distributor's agreement on a laptop: the distributor,
// the year, an exclusive city, a yearly target split by quarter, then submits it.
registry.category("web_tour.tours").add("distributor_agreement_tour", {
    url: "/odoo/action-distributor_management.distributor_agreement_action",
    steps: () => [
        {
            content: "A new agreement",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "The distributor",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit 杭州新源",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('杭州新源阀门有限公司')",
            run: "click",
        },
        {
            content: "The year it runs",
            trigger: ".o_field_widget[name=date_start] input",
            run: "edit 01/01/2027",
        },
        {
            trigger: ".o_field_widget[name=date_end] input",
            run: "edit 12/31/2027",
        },
        {
            content: "Its city",
            trigger: ".o_field_widget[name=territory_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=territory_ids] .o_data_row .o_field_widget[name=territory_id] input",
            run: "edit 杭州",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('杭州市')",
            run: "click",
        },
        {
            content: "Held exclusively (区域总代理)",
            trigger: ".o_field_widget[name=territory_ids] .o_data_row .o_field_widget[name=exclusive] input",
            run: "click",
        },
        {
            content: "The targets",
            trigger: ".o_notebook .nav-link[name=targets]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=yearly_target] input",
            run: "edit 1200000",
        },
        {
            trigger: ".o_field_widget[name=target_split] select",
            run: 'select "quarter"',
        },
        {
            content: "Split by quarter",
            trigger: "button[name=action_split_target]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=target_ids] .o_data_row:nth-child(4)",
        },
        {
            content: "Submit it to a Channel Manager",
            trigger: ".o_form_view button[name=action_submit]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=submitted]",
        },
    ],
});

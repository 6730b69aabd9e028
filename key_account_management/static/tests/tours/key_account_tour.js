/** @odoo-module **/

import { registry } from "@web/core/registry";

// A key-account manager on a phone: the kanban by tier, then one account and its tier history.
registry.category("web_tour.tours").add("key_account_phone_tour", {
    url: "/odoo/action-key_account_management.kam_account_action?view_type=kanban",
    steps: () => [
        {
            content: "The kanban shows the accounts by tier",
            trigger: ".o_kanban_record:contains('华东能源集团有限公司')",
            run: "click",
        },
        {
            content: "The account opens with its quadrant",
            trigger: ".o_form_view .o_field_widget[name=quadrant]:contains('Attack')",
        },
        {
            content: "The tier history is on the form",
            trigger: ".o_notebook .nav-link:contains('Tier')",
            run: "click",
        },
        {
            content: "History rows from the re-tiering",
            trigger: ".o_field_widget[name=history_ids] .o_data_row",
        },
    ],
});

// A manager reads the 1+2+1 map of a deal and its red flags.
registry.category("web_tour.tours").add("key_account_deal_tour", {
    url: "/odoo/action-key_account_management.crm_lead_key_deals_action",
    steps: () => [
        {
            content: "Deals are grouped by salesperson: open the admin's group",
            trigger: ".o_group_header:contains('Mitchell Admin')",
            run: "click",
        },
        {
            content: "Open the flagged deal",
            trigger: ".o_data_row:contains('新厂房精密产线配套') td[name=name]",
            run: "click",
        },
        {
            content: "The red flags show in a banner",
            trigger: ".alert-warning:contains('A high-influence contact opposes us.')",
        },
        {
            content: "Open the buying-role map",
            trigger: ".o_notebook .nav-link:contains('1+2+1 Buying Roles')",
            run: "click",
        },
        {
            content: "The map lists the opposing financial gatekeeper",
            trigger: ".o_field_widget[name=kam_role_ids] .o_data_row:contains('陈晓燕')",
        },
    ],
});

// The offense/defense matrix: a bubble per key account, quadrant lines and totals; a bubble
// opens its account.
registry.category("web_tour.tours").add("kam_matrix_tour", {
    steps: () => [
        {
            content: "The matrix is drawn",
            trigger: ".o_kam_matrix canvas",
        },
        {
            content: "Each quadrant says how many accounts and how much revenue it holds",
            trigger: ".o_kam_matrix_quadrants [data-quadrant=attack]:contains('Accounts:')",
        },
        {
            trigger: ".o_kam_matrix_quadrants [data-quadrant=defend]:contains('Accounts:')",
        },
        {
            content: "Click a bubble",
            trigger: ".o_kam_matrix canvas",
            run() {
                const canvas = this.anchor;
                const chart = Chart.getChart(canvas);
                const point = chart.getDatasetMeta(0).data[0];
                const rect = canvas.getBoundingClientRect();
                for (const type of ["mousemove", "click"]) {
                    canvas.dispatchEvent(
                        new MouseEvent(type, {
                            clientX: rect.left + point.x,
                            clientY: rect.top + point.y,
                            bubbles: true,
                        })
                    );
                }
            },
        },
        {
            content: "It opens the key account",
            trigger: ".o_form_view .o_field_widget[name=partner_id]",
        },
    ],
});

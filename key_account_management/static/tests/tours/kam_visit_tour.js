/** @odoo-module **/

import { registry } from "@web/core/registry";

const { DateTime } = luxon;

// Where the phone says it is: a few hundred metres from the customer's plant in Suzhou.
const PHONE_POSITION = { latitude: 31.316, longitude: 120.715 };

// A rep on a phone: plan a visit, check in on arrival, log it and complete it.
registry.category("web_tour.tours").add("kam_visit_phone_tour", {
    url: "/odoo/action-key_account_management.kam_visit_action",
    steps: () => [
        {
            content: "My visits: plan a new one",
            trigger: ".o_kanban_view .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Pick the customer (a phone opens the search dialog)",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "click",
        },
        {
            trigger: ".modal .o_kanban_record:contains('博德精密机械')",
            run: "click",
        },
        {
            content: "Say why we go",
            trigger: ".o_field_widget[name=purpose] textarea",
            run: "edit 确认新产线的阀门选型",
        },
        {
            content: "On arrival, one tap checks in with the phone's position",
            trigger: ".o_kam_checkin",
            run() {
                Object.defineProperty(navigator, "geolocation", {
                    configurable: true,
                    value: {
                        getCurrentPosition: (success) => success({ coords: PHONE_POSITION }),
                    },
                });
                this.anchor.click();
            },
        },
        {
            content: "The check-in is recorded with its distance from the customer",
            trigger: ".alert-success:contains('Checked in'):contains('m from the customer')",
        },
        {
            content: "Log what was said",
            trigger: ".o_notebook .nav-link:contains('Record')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=summary] textarea",
            run: "edit 陈经理确认选型，要求两周内交样",
        },
        {
            content: "Complete the visit: one dialog asks for the outcome and the next step",
            trigger: ".o_notebook button[name=action_open_complete]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=outcome] .o_radio_item:contains('Advance') input",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=next_step] input",
            run: "edit 寄送样品并电话确认",
        },
        {
            content: "A next step a month away breaks the follow-up rule",
            trigger: ".modal .o_field_widget[name=next_step_date] input",
            run: `edit ${DateTime.now().plus({ days: 30 }).toFormat("MM/dd/yyyy")}`,
        },
        {
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The rule is explained and nothing is saved",
            trigger: ".modal .modal-body:contains('Follow up within 7 days of the visit')",
        },
        {
            trigger: ".modal:has(.modal-body:contains('Follow up within')) .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Nothing was saved: the visit is still planned",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Planned')",
        },
        {
            content: "The next step within a week",
            trigger: ".modal .o_field_widget[name=next_step_date] input",
            run: `edit ${DateTime.now().plus({ days: 3 }).toFormat("MM/dd/yyyy")}`,
        },
        {
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The visit is done",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Done')",
        },
    ],
});

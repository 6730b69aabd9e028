/** @odoo-module **/

import { localization } from "@web/core/l10n/localization";
import { registry } from "@web/core/registry";

// The Credit tab explains a distributor's exposure.
registry.category("web_tour.tours").add("channel_credit_partner_tour", {
    url: "/odoo/action-channel_credit.res_partner_distributor_action",
    steps: () => [
        {
            content: "Open the wholesale distributor",
            trigger: ".o_data_row:contains('杭州恒通商贸有限公司') td[name=display_name]",
            run: "click",
        },
        {
            content: "Open the Credit tab",
            trigger: ".o_notebook .nav-link:contains('Credit')",
            run: "click",
        },
        {
            content: "The exposure is broken down by component",
            trigger: ".o_field_widget[name=channel_exposure_orders]",
        },
        {
            content: "The approval policy is shown",
            trigger: ".o_field_widget[name=channel_credit_policy]:contains('Approval')",
        },
    ],
});

// Confirming a quotation over a blocked distributor's limit explains why it cannot go through.
registry.category("web_tour.tours").add("channel_credit_block_tour", {
    url: "/odoo/action-sale.action_quotations_with_onboarding",
    steps: () => [
        {
            content: "Show every salesperson's quotations",
            trigger: ".o_searchview_facet:contains('My Quotations') .o_facet_remove",
            run: "click",
        },
        {
            content: "Open the terminal retailer's quotation",
            trigger: ".o_data_row:contains('武汉佳美建材专卖店') td[name=name]",
            run: "click",
        },
        {
            content: "Before confirming, the quotation shows it is blocked and what to do",
            trigger: ".o_channel_credit_banner:contains('Blocked by Credit'):contains('Next: collect at least')",
        },
        {
            content: "Try to confirm it",
            trigger: ".o_form_view button[name=action_confirm]:visible",
            run: "click",
        },
        {
            content: "The error states the limit and the exposure",
            trigger: ".modal:contains('Credit check failed'):contains('Credit limit'):contains('Over the limit by')",
        },
    ],
});

// Confirming a quotation that needs credit approval asks for a reason and files the request;
// ``words`` are the screen's words in the person's language.
const releaseRequestSteps = (words) => [
    {
        content: "The quotation needs credit approval",
        trigger: `.o_channel_credit_banner:contains('${words.needs}')`,
    },
    {
        content: "Confirm: the order is not confirmed, a reason is asked for",
        trigger: ".o_form_view button[name=action_confirm]:visible",
        run: "click",
    },
    {
        content: "Say why the order should go through",
        trigger: ".modal .o_field_widget[name=reason] textarea",
        run: "edit 旺季备货，十五天内付款",
    },
    {
        trigger: ".modal .modal-footer button.btn-primary",
        run: "click",
    },
    {
        content: "The quotation now awaits the decision",
        trigger: `.o_channel_credit_banner:contains('${words.awaiting}')`,
    },
    {
        trigger: ".o_form_view button[name=action_channel_request_release] .fa-hourglass-half",
    },
];

// A salesperson asks for credit approval, with a reason, from the quotation.
registry.category("web_tour.tours").add("channel_credit_approval_tour", {
    steps: () =>
        releaseRequestSteps({
            needs: "Needs Credit Approval",
            awaiting: "Awaiting Credit Approval",
        }),
});

// A Credit Manager (in Chinese) asks on his own order: the request goes to another Credit
// Manager, whom the banner names.
registry.category("web_tour.tours").add("channel_credit_own_release_tour", {
    steps: () => [
        ...releaseRequestSteps({ needs: "需要信用审批", awaiting: "等待信用审批" }),
        {
            content: "The banner names who decides: not the one who asked",
            trigger: ".o_channel_credit_banner:contains('等待赵敏（信用主管）审批')",
        },
    ],
});

// A salesperson on a phone asks for a temporary increase for the spring season.
registry.category("web_tour.tours").add("channel_credit_temp_increase_tour", {
    steps: () => [
        {
            content: "Credit reviews (cards on a phone): a new one",
            trigger: ".o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            content: "The distributor (a phone opens the search dialog)",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "click",
        },
        {
            trigger: ".modal .o_kanban_record:contains('成都蓉达五金'), .modal .o_data_row:contains('成都蓉达五金') td",
            run: "click",
        },
        {
            content: "A temporary increase",
            trigger: ".o_field_widget[name=kind] input[data-value=temporary]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=temp_limit] input",
            run: "edit 400000",
        },
        {
            content: "Until the end of the season",
            trigger: ".o_field_widget[name=temp_until] input",
            run: `edit ${luxon.DateTime.now().plus({ days: 45 }).toFormat(localization.dateFormat)}`,
        },
        {
            content: "Why: on the Notes tab",
            trigger: ".o_notebook .nav-link[name=notes]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=notes] textarea",
            run: "edit 春季备货，临时额度四十万",
        },
        {
            content: "Send it to the approvers",
            trigger: ".o_form_view button[name=action_submit]",
            run: "click",
        },
        {
            content: "Saved and waiting for the approvers",
            trigger: ".o_form_view .o_statusbar_status [data-value=submitted].o_arrow_button_current, .o_form_view .o_statusbar_status .dropdown-toggle:contains('待审批')",
        },
        {
            content: "The chain is decided by the credit the distributor will have",
            trigger: ".o_notebook .nav-link[name=approvals]",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=approval_amount]:contains('600,000')",
        },
    ],
});

// Each approver of the chain opens the increase and decides it in the dialog, which shows the
// distributor and the credit it approves.
registry.category("web_tour.tours").add("channel_credit_temp_decide_tour", {
    steps: () => [
        {
            content: "Approve or reject",
            trigger: ".o_form_view button[name=action_decide]",
            run: "click",
        },
        {
            content: "The dialog shows the distributor and the amount approved",
            trigger: ".modal .o_field_widget[name=partner_id]:contains('成都蓉达五金')",
        },
        {
            trigger: ".modal .o_field_widget[name=approval_amount]:contains('600,000')",
        },
        {
            trigger: ".modal .o_field_widget[name=temp_limit]:contains('400,000')",
        },
        {
            trigger: ".modal .o_field_widget[name=note] textarea, .modal .o_field_widget[name=note] input",
            run: "edit 旺季备货，同意",
        },
        {
            trigger: ".modal .modal-footer button[name=action_approve]",
            run: "click",
        },
        {
            content: "Decided: the button is gone for this approver",
            trigger: ".o_form_view:not(:has(.modal)):not(:has(button[name=action_decide]))",
        },
    ],
});

// On a phone: each distributor's credit status on one card, nothing to scroll sideways.
registry.category("web_tour.tours").add("channel_credit_phone_tour", {
    steps: () => [
        {
            content: "Distributors open as cards on a phone",
            trigger: ".o_channel_distributor_kanban .o_kanban_record:contains('杭州恒通商贸'):contains('Available Credit')",
        },
        {
            content: "Nothing sticks out sideways",
            trigger: ".o_channel_distributor_kanban",
            run() {
                const width = document.documentElement.clientWidth;
                const wide = [...document.querySelectorAll(".o_kanban_record")].filter(
                    (card) => card.getBoundingClientRect().right > width + 1
                );
                if (document.documentElement.scrollWidth > width + 1 || wide.length) {
                    throw new Error(`The page scrolls sideways (${document.documentElement.scrollWidth} > ${width})`);
                }
            },
        },
        {
            content: "Open the distributor",
            trigger: ".o_kanban_record:contains('杭州恒通商贸') .fw-bold",
            run: "click",
        },
        {
            trigger: ".o_notebook .nav-link:contains('Credit')",
            run: "click",
        },
        {
            content: "Available credit comes first on the Credit tab",
            trigger: ".o_notebook .o_field_widget[name=channel_credit_available]",
            run() {
                const top = (name) =>
                    document.querySelector(`.o_notebook .o_field_widget[name=${name}]`).getBoundingClientRect().top;
                for (const below of ["channel_effective_limit", "channel_credit_policy"]) {
                    if (top("channel_credit_available") >= top(below)) {
                        throw new Error(`Available credit is not above ${below}`);
                    }
                }
            },
        },
    ],
});

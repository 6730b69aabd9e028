/** @odoo-module **/

import { registry } from "@web/core/registry";
import { noSidewaysScroll } from "@b2b_base/../tests/tours/portal_tour_utils";

// A distributor confirms its monthly statement of account.
registry.category("web_tour.tours").add("channel_credit_portal_confirm_tour", {
    steps: () => [
        noSidewaysScroll(".o_channel_portal_statement"),
        {
            content: "Confirm the whole statement",
            trigger: ".o_channel_confirm_all",
            run: "click",
        },
        {
            content: "The statement says who confirmed it",
            trigger: ".o_channel_portal_confirmed",
        },
    ],
});

// A distributor disputes one line of its statement, and confirms the other.
registry.category("web_tour.tours").add("channel_credit_portal_dispute_tour", {
    steps: () => [
        noSidewaysScroll(".o_channel_portal_statement"),
        {
            content: "Open the dispute of the first line",
            trigger: ".o_channel_portal_line:first .o_channel_dispute summary",
            run: "click",
        },
        {
            content: "Say what is wrong",
            trigger: ".o_channel_portal_line:first .o_channel_dispute textarea[name=comment]",
            run: "edit We received 2,500 only",
        },
        {
            content: "Send the dispute",
            trigger: ".o_channel_portal_line:first .o_channel_dispute button[type=submit]",
            run: "click",
        },
        {
            content: "The line shows as disputed, with the words",
            trigger: ".o_channel_portal_line:first:contains('We received 2,500 only') .text-bg-danger",
        },
        {
            content: "Confirm the other line",
            trigger: ".o_channel_portal_line:last .o_channel_confirm_line",
            run: "click",
        },
        {
            content: "The other line is confirmed",
            trigger: ".o_channel_portal_line:last .text-bg-success",
        },
    ],
});

// A distributor promises to pay what is overdue.
registry.category("web_tour.tours").add("channel_credit_portal_promise_tour", {
    steps: () => [
        noSidewaysScroll(".o_channel_portal_figures"),
        {
            content: "The hold says why, in words for the distributor",
            trigger: ".o_channel_portal_hold:contains('days are allowed')",
        },
        {
            content: "Enter the amount",
            trigger: "#channel_promise_amount",
            run: "edit 1500",
        },
        {
            content: "Promise it for today, the first day allowed",
            trigger: "#channel_promise_date",
            run() {
                this.anchor.value = this.anchor.min;
            },
        },
        {
            content: "Send the promise",
            trigger: ".o_channel_portal_promise button[type=submit]",
            run: "click",
        },
        {
            content: "The promise is recorded and shown",
            trigger: ".o_channel_portal_promise:contains('You promised')",
        },
    ],
});

// A distributor accepts a quotation over its credit: it goes for approval, not into limbo.
registry.category("web_tour.tours").add("channel_credit_portal_order_tour", {
    steps: () => [
        {
            content: "The quotation says what accepting does",
            trigger: ".o_channel_portal_order_credit:contains('for approval')",
        },
        noSidewaysScroll(".o_channel_portal_order_credit"),
        {
            content: "Accept and sign",
            trigger: "a[data-bs-target='#modalaccept']:visible",
            run: "click",
        },
        {
            // The pad signs the buyer's name once its fonts are in: before that, the
            // signature sent is empty and the order refuses it.
            content: "The name is signed",
            trigger: ".modal .o_portal_sign_submit:enabled",
        },
        {
            content: "Pick a signature style",
            trigger: ".modal .o_web_sign_auto_select_style button",
            run: "click",
        },
        {
            trigger: ".o-dropdown-item:eq(3)",
            run: "click",
        },
        {
            content: "Sign",
            trigger: ".modal .o_portal_sign_submit:enabled",
            run: "click",
        },
        {
            content: "The order waits for credit approval",
            trigger: ".o_channel_portal_order_credit:contains('Waiting for credit approval')",
        },
    ],
});

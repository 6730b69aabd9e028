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
            // The pad is sized and the name drawn only once the dialog is shown, and
            // Odoo refuses an empty signature: sign when the pad shows the name.
            content: "Sign",
            trigger: ".modal .o_portal_sign_submit",
            async run() {
                const ready = () => {
                    const pad = document.querySelector(".modal canvas.o_web_sign_signature");
                    if (!pad?.width || this.anchor.disabled) {
                        return false;
                    }
                    const blank = document.createElement("canvas");
                    Object.assign(blank, { width: pad.width, height: pad.height });
                    return pad.toDataURL() !== blank.toDataURL();
                };
                for (let wait = 0; !ready(); wait += 50) {
                    if (wait > 8000) {
                        throw new Error("The signature pad never showed the buyer's name");
                    }
                    await new Promise((resolve) => setTimeout(resolve, 50));
                }
                this.anchor.click();
            },
        },
        {
            content: "The order waits for credit approval",
            trigger: ".o_channel_portal_order_credit:contains('Waiting for credit approval')",
        },
    ],
});

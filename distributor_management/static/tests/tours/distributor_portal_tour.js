/** @odoo-module **/

import { registry } from "@web/core/registry";
import { noSidewaysScroll } from "@b2b_base/../tests/tours/portal_tour_utils";

// A distributor reads its agreement, targets and rebates, then sends last month's report with
// a bad row: the page says which row, and nothing is imported. The test puts the workbook in
// an attachment whose id it gives in the first page's address (?tour_file=<id>).
registry.category("web_tour.tours").add("distributor_portal_upload_tour", {
    steps: () => [
        noSidewaysScroll(".o_distributor_portal_agreements"),
        {
            content: "Keep the workbook's address for the next page",
            trigger: ".o_distributor_portal_period",
            run() {
                const id = new URLSearchParams(window.location.search).get("tour_file");
                window.sessionStorage.setItem("distributor_portal_tour_file", id);
            },
        },
        {
            content: "Go to the sell-through reports",
            trigger: ".o_distributor_portal_to_stock",
            run: "click",
        },
        noSidewaysScroll(".o_distributor_portal_upload"),
        {
            content: "Choose the workbook with a bad row",
            trigger: "#distributor_report_file",
            async run() {
                const id = window.sessionStorage.getItem("distributor_portal_tour_file");
                const response = await fetch(`/web/content/${id}?download=true`);
                const blob = await response.blob();
                const transfer = new DataTransfer();
                transfer.items.add(new File([blob], "stock.xlsx", { type: blob.type }));
                this.anchor.files = transfer.files;
                this.anchor.classList.add("o_tour_file_chosen");
            },
        },
        {
            content: "Send the report",
            trigger: "#distributor_report_file.o_tour_file_chosen",
            run() {
                document.querySelector(".o_distributor_portal_send").click();
            },
        },
        {
            content: "The page says which row is wrong",
            trigger: ".o_distributor_portal_error:contains('Row 3')",
        },
        noSidewaysScroll(".o_distributor_portal_error"),
    ],
});

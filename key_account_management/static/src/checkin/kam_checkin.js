/** @odoo-module **/

import { Component, useState } from "@odoo/owl";
import { browser } from "@web/core/browser/browser";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardWidgetProps } from "@web/views/widgets/standard_widget_props";

const GEOLOCATION_OPTIONS = { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 };

/** The browser's position, or an error the rep can act on. */
export function currentPosition() {
    return new Promise((resolve, reject) => {
        if (!browser.navigator.geolocation) {
            reject(new Error(_t("This browser cannot share its location.")));
            return;
        }
        browser.navigator.geolocation.getCurrentPosition(
            (position) => resolve(position.coords),
            () =>
                reject(
                    new Error(
                        _t("Location unavailable: allow this site to use your location, then tap Check In again.")
                    )
                ),
            GEOLOCATION_OPTIONS
        );
    });
}

/** One tap on a planned visit: save it, read the phone's position, record the check-in. */
export class KamCheckinButton extends Component {
    static template = "key_account_management.KamCheckinButton";
    static props = standardWidgetProps;

    setup() {
        this.orm = useService("orm");
        this.notification = useService("notification");
        this.state = useState({ busy: false });
    }

    async onClick() {
        const record = this.props.record;
        this.state.busy = true;
        try {
            const coords = await currentPosition();
            if (!(await record.save())) {
                return;
            }
            await this.orm.call("kam.visit", "action_checkin", [
                [record.resId],
                coords.latitude,
                coords.longitude,
            ]);
            await record.load();
            this.notification.add(_t("Checked in."), { type: "success" });
        } catch (error) {
            if (!(error instanceof Error) || error.name === "RPC_ERROR") {
                throw error;
            }
            this.notification.add(error.message, { type: "danger" });
        } finally {
            this.state.busy = false;
        }
    }
}

registry.category("view_widgets").add("kam_checkin", { component: KamCheckinButton });

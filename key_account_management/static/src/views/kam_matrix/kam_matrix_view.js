/** @odoo-module **/

import { registry } from "@web/core/registry";
import { kanbanView } from "@web/views/kanban/kanban_view";
import { KamMatrixRenderer } from "./kam_matrix_renderer";

// The offense/defense (攻守) matrix: a kanban view whose records are drawn as bubbles, so
// the search, filters and access rules of a normal view apply to what is plotted.
export const kamMatrixView = { ...kanbanView, Renderer: KamMatrixRenderer };

registry.category("views").add("kam_matrix", kamMatrixView);

/** @odoo-module **/

import { Component, onWillStart, onWillUnmount, useEffect, useRef } from "@odoo/owl";
import { loadBundle } from "@web/core/assets";
import { _t } from "@web/core/l10n/translation";
import { formatMonetary, formatPercentage } from "@web/views/fields/formatters";

// Distinct colours, one per tier, in the tiers' order.
const TIER_COLORS = ["#1F77B4", "#FF7F0E", "#2CA02C", "#D62728", "#9467BD", "#8C564B", "#E377C2"];
// How far the axis reaches beyond the smallest and largest potential (log scale).
const AXIS_MARGIN = 1.8;

// Where each quadrant sits: x = purchase potential, y = our wallet share.
const CORNERS = {
    defend: { x: "right", y: "top" },
    attack: { x: "right", y: "bottom" },
    maintain: { x: "left", y: "top" },
    abandon: { x: "left", y: "bottom" },
};

/**
 * Draws the two thresholds as the quadrant lines and, in each corner, the quadrant's name
 * with its number of accounts and revenue.
 */
// Below this width (in pixels) of the plotting area, the corners carry names only.
const NARROW_CHART = 480;

const quadrantPlugin = {
    id: "kamQuadrants",
    afterDraw(chart, _args, options) {
        const { ctx, chartArea: area, scales } = chart;
        const x = scales.x.getPixelForValue(options.potential);
        const y = scales.y.getPixelForValue(options.share);
        ctx.save();
        ctx.strokeStyle = "rgba(80, 80, 80, 0.7)";
        ctx.setLineDash([6, 4]);
        ctx.beginPath();
        if (x >= area.left && x <= area.right) {
            ctx.moveTo(x, area.top);
            ctx.lineTo(x, area.bottom);
        }
        if (y >= area.top && y <= area.bottom) {
            ctx.moveTo(area.left, y);
            ctx.lineTo(area.right, y);
        }
        ctx.stroke();
        ctx.setLineDash([]);
        const pad = 6;
        // On a phone two corners' summaries side by side overlap: the chart keeps the
        // quadrants' names, the cards under it their figures.
        const narrow = area.right - area.left < NARROW_CHART;
        for (const corner of options.corners) {
            const where = CORNERS[corner.key];
            ctx.textAlign = where.x;
            const left = where.x === "left" ? area.left + pad : area.right - pad;
            const lines = narrow ? [corner.label] : [corner.label, corner.summary];
            lines.forEach((text, index) => {
                ctx.font = index ? "11px sans-serif" : "bold 13px sans-serif";
                ctx.fillStyle = index ? "rgba(60, 60, 60, 0.9)" : "rgba(30, 30, 30, 0.95)";
                const top =
                    where.y === "top"
                        ? area.top + pad + 13 + index * 15
                        : area.bottom - pad - (lines.length - 1 - index) * 15;
                ctx.fillText(text, left, top);
            });
        }
        ctx.restore();
    },
};

export class KamMatrixRenderer extends Component {
    static template = "key_account_management.KamMatrixRenderer";
    static props = ["*"];

    setup() {
        this.canvasRef = useRef("canvas");
        this.chart = null;
        onWillStart(() => loadBundle("web.chartjs_lib"));
        useEffect(() => this.renderChart());
        onWillUnmount(() => this.chart?.destroy());
    }

    get records() {
        return this.props.list.records;
    }

    get plotted() {
        return this.records.filter((r) => r.data.quadrant && r.data.purchase_potential > 0);
    }

    get missingCount() {
        return this.records.length - this.plotted.length;
    }

    get thresholds() {
        const first = this.records[0];
        return {
            potential: first ? first.data.potential_threshold : 0,
            share: first ? first.data.share_threshold : 0,
        };
    }

    money(value) {
        const first = this.records[0];
        // A many2one reads as [id, display name].
        const currencyId = first && first.data.currency_id && first.data.currency_id[0];
        return formatMonetary(value, { currencyId, digits: [16, 0] });
    }

    get quadrants() {
        const labels = Object.fromEntries(this.props.list.fields.quadrant.selection);
        return Object.keys(CORNERS).map((key) => {
            const records = this.plotted.filter((r) => r.data.quadrant === key);
            const revenue = records.reduce((sum, r) => sum + r.data.revenue_12m, 0);
            return {
                key,
                label: labels[key],
                count: records.length,
                revenue,
                summary: _t("Accounts: %(count)s · Revenue: %(revenue)s", {
                    count: records.length,
                    revenue: this.money(revenue),
                }),
            };
        });
    }

    get tiers() {
        const tiers = new Map();
        for (const record of this.plotted) {
            const tier = record.data.tier_id;
            const key = tier ? tier[0] : 0;
            if (!tiers.has(key)) {
                tiers.set(key, {
                    label: tier ? tier[1] : _t("No tier"),
                    color: TIER_COLORS[tiers.size % TIER_COLORS.length],
                    records: [],
                });
            }
            tiers.get(key).records.push(record);
        }
        return [...tiers.values()];
    }

    renderChart() {
        this.chart?.destroy();
        const canvas = this.canvasRef.el;
        if (!canvas) {
            return;
        }
        const maxRevenue = Math.max(1, ...this.plotted.map((r) => r.data.revenue_12m));
        const maxShare = Math.max(1.05, ...this.plotted.map((r) => r.data.wallet_share * 1.1));
        const datasets = this.tiers.map((tier) => ({
            label: tier.label,
            backgroundColor: tier.color + "B3",
            borderColor: tier.color,
            records: tier.records,
            data: tier.records.map((r) => ({
                x: r.data.purchase_potential,
                y: r.data.wallet_share,
                r: 5 + 22 * Math.sqrt(Math.max(r.data.revenue_12m, 0) / maxRevenue),
            })),
        }));
        const { potential, share } = this.thresholds;
        const potentials = [potential, ...this.plotted.map((r) => r.data.purchase_potential)];
        const positive = potentials.filter((value) => value > 0);
        this.chart = new Chart(canvas, {
            type: "bubble",
            data: { datasets },
            options: {
                maintainAspectRatio: false,
                animation: false,
                layout: { padding: 8 },
                scales: {
                    x: {
                        type: "logarithmic",
                        min: positive.length ? Math.min(...positive) / AXIS_MARGIN : undefined,
                        max: positive.length ? Math.max(...positive) * AXIS_MARGIN : undefined,
                        title: { display: true, text: _t("Purchase Potential") },
                        ticks: { callback: (value) => this.money(value), maxTicksLimit: 6 },
                    },
                    y: {
                        min: 0,
                        max: maxShare,
                        title: { display: true, text: _t("Wallet Share") },
                        ticks: {
                            callback: (value) =>
                                value <= 1 ? formatPercentage(value, { digits: [16, 0] }) : "",
                        },
                    },
                },
                plugins: {
                    legend: { position: "bottom", labels: { usePointStyle: true } },
                    tooltip: {
                        callbacks: {
                            label: (item) => {
                                const record = item.dataset.records[item.dataIndex];
                                return [
                                    record.data.partner_id[1],
                                    `${_t("Purchase Potential")}: ${this.money(record.data.purchase_potential)}`,
                                    `${_t("Wallet Share")}: ${formatPercentage(record.data.wallet_share)}`,
                                    `${_t("Revenue 12 Months")}: ${this.money(record.data.revenue_12m)}`,
                                ];
                            },
                        },
                    },
                    kamQuadrants: { potential, share, corners: this.quadrants },
                },
                onClick: (_event, elements) => {
                    if (elements.length) {
                        const { datasetIndex, index } = elements[0];
                        this.props.openRecord(datasets[datasetIndex].records[index]);
                    }
                },
                onHover: (event, elements) => {
                    event.native.target.style.cursor = elements.length ? "pointer" : "default";
                },
            },
            plugins: [quadrantPlugin],
        });
    }
}

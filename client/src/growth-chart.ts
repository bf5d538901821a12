// A small stacked bar chart of derivatives created per month, drawn as SVG (no chart library).
import type { GrowthPeriod, Relation } from "../../server/contract/types";
import { createElement, createSvgElement } from "./create-element";
import { formatCount, formatMonth, plural } from "./format";
import { RELATION_COLORS, RELATION_LABELS, RELATIONS } from "./graph-style";

const WIDTH = 320;
const HEIGHT = 132;
/** Room above the bars for the scale, and below them for the first and last month. */
const TOP = 14;
const AXIS = 18;

function describePeriod(period: GrowthPeriod): string {
  const parts = RELATIONS.filter((relation) => period[relation] > 0).map(
    (relation) => `${formatCount(period[relation])} ${RELATION_LABELS[relation].toLowerCase()}`,
  );
  const byRelation = parts.length ? ` (${parts.join(", ")})` : "";
  return `${formatMonth(period.start)}: ${formatCount(period.total)} new${byRelation}`;
}

/** The chart of consecutive periods (the API fills empty ones), or a note when there is nothing dated to draw. */
export function renderGrowthChart(months: GrowthPeriod[]): Element {
  if (months.length === 0 || months.every((period) => period.total === 0)) {
    return createElement("p", { class: "muted" }, ["No dated derivatives yet."]);
  }
  const max = Math.max(...months.map((period) => period.total));
  const slot = WIDTH / months.length;
  const barWidth = Math.max(1, slot * 0.8);
  const plotHeight = HEIGHT - AXIS;
  const barSpace = plotHeight - TOP;

  const bars = months.map((period, index) => {
    const x = index * slot + (slot - barWidth) / 2;
    let top = plotHeight;
    const segments: Element[] = [];
    const other = period.total - RELATIONS.reduce((sum, relation) => sum + period[relation], 0);
    const parts: [Relation | null, number][] = [
      ...RELATIONS.map((relation) => [relation, period[relation]] as [Relation, number]),
      [null, other],
    ];
    for (const [relation, count] of parts) {
      if (count <= 0) continue;
      const height = (count / max) * barSpace;
      top -= height;
      segments.push(
        createSvgElement("rect", {
          x: x.toFixed(2),
          y: top.toFixed(2),
          width: barWidth.toFixed(2),
          height: height.toFixed(2),
          fill: relation ? RELATION_COLORS[relation] : "#94a3b8",
        }),
      );
    }
    return createSvgElement("g", { "data-month": period.start.slice(0, 7), "data-total": period.total }, [
      createSvgElement("title", {}, [describePeriod(period)]),
      // A full-height transparent target so thin bars still show their tooltip.
      createSvgElement("rect", {
        x: (index * slot).toFixed(2),
        y: 0,
        width: slot.toFixed(2),
        height: plotHeight,
        fill: "transparent",
      }),
      ...segments,
    ]);
  });

  const total = months.reduce((sum, period) => sum + period.total, 0);
  return createSvgElement(
    "svg",
    {
      class: "growth-chart",
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      role: "img",
      "aria-label":
        `${formatCount(total)} ${plural(total, "derivative", "derivatives")} created between ` +
        `${formatMonth(months[0].start)} and ${formatMonth(months[months.length - 1].start)}; ` +
        `busiest month ${formatCount(max)}`,
      "data-testid": "growth-chart",
    },
    [
      createSvgElement("line", { x1: 0, y1: plotHeight, x2: WIDTH, y2: plotHeight, class: "growth-axis" }),
      ...bars,
      createSvgElement("text", { x: 0, y: HEIGHT - 4, class: "growth-label" }, [formatMonth(months[0].start)]),
      createSvgElement("text", { x: WIDTH, y: HEIGHT - 4, class: "growth-label", "text-anchor": "end" }, [
        formatMonth(months[months.length - 1].start),
      ]),
      createSvgElement("text", { x: WIDTH, y: 10, class: "growth-label", "text-anchor": "end" }, [
        `max ${formatCount(max)}/month`,
      ]),
    ],
  );
}

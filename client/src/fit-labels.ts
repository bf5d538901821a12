// Keeps the labels of a family from colliding: of the models the server names as worth a label, the most significant
// whose label fits beside the ones already kept (at the camera that fits the whole family to the canvas) keep it.
// Zooming in only moves models apart at a fixed label size, so labels that fit at this view never overlap closer in.
import { STAGE_PADDING } from "./graph-camera";
import { nodeRadius } from "./graph-style";
import type { LineageGraph } from "./lineage-graph";

/** Room kept around a label (pixels), and its height for a 12 px font. */
const LABEL_MARGIN = 4;
const LABEL_HEIGHT = 14;
/** Width of a label's text per character, when no measure is given (12 px sans-serif runs ~6.7 px). */
const CHAR_WIDTH = 7;

/** A label's box; its right edge is measured only when a box beside it on the same line asks (measuring is the cost). */
interface Box {
  left: number;
  top: number;
  bottom: number;
  right(): number;
}

const overlaps = (a: Box, b: Box) => a.top < b.bottom && b.top < a.bottom && a.left < b.right() && b.left < a.right();

/**
 * Clears `isLabelled` on the labelled models whose label would overlap a more significant one's (by descendants,
 * then downloads) in a `width` x `height` canvas; the focus's label, always shown, is placed first. `measure`: a
 * label's width in pixels at the view's label font (12 px).
 */
export function fitLabels(
  graph: LineageGraph,
  width: number,
  height: number,
  measure: (text: string) => number = (text) => text.length * CHAR_WIDTH,
): void {
  let minX = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  const candidates: string[] = [];
  let focus: string | null = null;
  graph.forEachNode((node, attrs) => {
    minX = Math.min(minX, attrs.x);
    maxX = Math.max(maxX, attrs.x);
    minY = Math.min(minY, attrs.y);
    maxY = Math.max(maxY, attrs.y);
    if (attrs.role === "focus") focus = node;
    else if (attrs.isLabelled) candidates.push(node);
  });
  if (candidates.length === 0) return;
  const scale = Math.min(
    (width - 2 * STAGE_PADDING) / Math.max(maxX - minX, 1e-9),
    (height - 2 * STAGE_PADDING) / Math.max(maxY - minY, 1e-9),
  );
  const boxOf = (node: string): Box => {
    const attrs = graph.getNodeAttributes(node);
    // Graph y points up, the screen's down; labels sit right of the node, centred on it.
    const x = width / 2 + (attrs.x - (minX + maxX) / 2) * scale;
    const y = height / 2 - (attrs.y - (minY + maxY) / 2) * scale;
    const left = x + nodeRadius(attrs.descendants) + 3;
    let right: number | undefined;
    return {
      left: left - LABEL_MARGIN,
      right: () => {
        right ??= left + measure(attrs.label) + LABEL_MARGIN;
        return right;
      },
      top: y - LABEL_HEIGHT / 2 - LABEL_MARGIN,
      bottom: y + LABEL_HEIGHT / 2 + LABEL_MARGIN,
    };
  };
  const kept: Box[] = focus === null ? [] : [boxOf(focus)];
  candidates.sort((a, b) => {
    const x = graph.getNodeAttributes(a);
    const y = graph.getNodeAttributes(b);
    return y.descendants - x.descendants || (y.downloads ?? -1) - (x.downloads ?? -1);
  });
  for (const node of candidates) {
    const box = boxOf(node);
    if (kept.some((other) => overlaps(box, other))) graph.setNodeAttribute(node, "isLabelled", false);
    else kept.push(box);
  }
}

// Keeps the labels of a family from colliding: of the models the server names as worth a label, the most significant
// whose label fits beside the ones already kept (at the camera that fits the whole family to the canvas) keep it.
// Zooming in only moves models apart at a fixed label size, so labels that fit at this view never overlap closer in.
import { STAGE_PADDING } from "./graph-camera";
import { nodeRadius } from "./graph-style";
import type { FamilyColumns } from "./family-columns";

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
 * Of the labelled models (`columns.labelled`), the ones whose label overlaps no more significant one's (by
 * descendants, then downloads) in a `width` x `height` canvas: 1 per model that keeps its label. The focus (model 0),
 * whose label is always shown, is placed first. `measure`: a label's width in pixels at the view's label font (12 px).
 */
export function fitLabels(
  columns: FamilyColumns,
  width: number,
  height: number,
  measure: (text: string) => number = (text) => text.length * CHAR_WIDTH,
): Uint8Array {
  const { id, x, y, descendants, downloads } = columns.nodes;
  const kept = new Uint8Array(id.length);
  const candidates = Array.from(columns.labelled).filter((k) => k !== 0);
  if (candidates.length === 0) return kept;
  let minX = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < id.length; k++) {
    minX = Math.min(minX, x[k]);
    maxX = Math.max(maxX, x[k]);
    minY = Math.min(minY, y[k]);
    maxY = Math.max(maxY, y[k]);
  }
  const scale = Math.min(
    (width - 2 * STAGE_PADDING) / Math.max(maxX - minX, 1e-9),
    (height - 2 * STAGE_PADDING) / Math.max(maxY - minY, 1e-9),
  );
  const boxOf = (k: number): Box => {
    // Graph y points up, the screen's down; labels sit right of the node, centred on it.
    const at = height / 2 - (y[k] - (minY + maxY) / 2) * scale;
    const left = width / 2 + (x[k] - (minX + maxX) / 2) * scale + nodeRadius(descendants[k]) + 3;
    let right: number | undefined;
    return {
      left: left - LABEL_MARGIN,
      right: () => {
        right ??= left + measure(id[k]) + LABEL_MARGIN;
        return right;
      },
      top: at - LABEL_HEIGHT / 2 - LABEL_MARGIN,
      bottom: at + LABEL_HEIGHT / 2 + LABEL_MARGIN,
    };
  };
  const placed: Box[] = [boxOf(0)];
  const downloadsOf = (k: number) => downloads[k] ?? -1;
  candidates.sort((a, b) => descendants[b] - descendants[a] || downloadsOf(b) - downloadsOf(a));
  for (const k of candidates) {
    const box = boxOf(k);
    if (placed.some((other) => overlaps(box, other))) continue;
    placed.push(box);
    kept[k] = 1;
  }
  return kept;
}

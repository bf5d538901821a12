// The family's labels, on a 2D canvas over the WebGL one: the focus, the selection and the hovered model always (on
// a backdrop for the first two), then the labelled models (fit-labels.ts picks them) in order of significance, each
// only where it collides with no label already drawn. Every label sits on a plate of the background's colour (85%
// opaque), so that the dots of a crowded ring barely show behind its letters. A few hundred labels at most: text on a 2D canvas
// is cheap.
import { LABEL_PLATE_COLOR } from "./graph-style";

export const LABEL_FONT = "12px sans-serif";
const LABEL_COLOR = "#0f172a";
const BACKDROP_COLOR = "rgba(255, 255, 255, 0.92)";
/** Room kept around a label (pixels) and the text's height at LABEL_FONT. */
const MARGIN = 2;
const HEIGHT = 14;

/** Label widths as a canvas measures them at LABEL_FONT, each text measured once (fit-labels.ts and the labels). */
export function createLabelWidths(): (text: string) => number {
  const context = document.createElement("canvas").getContext("2d");
  if (!context) return (text) => text.length * 7;
  context.font = LABEL_FONT;
  const widths = new Map<string, number>();
  return (text) => {
    let width = widths.get(text);
    if (width === undefined) {
      width = context.measureText(text).width;
      widths.set(text, width);
    }
    return width;
  };
}

export interface LabelItem {
  text: string;
  /** Viewport position of the model's centre and its drawn radius. */
  x: number;
  y: number;
  radius: number;
  hasBackdrop: boolean;
}

export interface GraphLabels {
  resize(width: number, height: number): void;
  /** Draws `always` first, then as many of `candidates` (most significant first) as fit. */
  draw(always: LabelItem[], candidates: LabelItem[]): void;
}

/** `width`: a label's width at LABEL_FONT, when the caller keeps them (each measured once); else measured per draw. */
export function createGraphLabels(
  canvas: HTMLCanvasElement,
  pixelRatio: number,
  width?: (text: string) => number,
): GraphLabels {
  // A CPU-backed canvas (what willReadFrequently asks for): a few hundred labels rasterise faster in software than
  // through a GPU canvas, whose shaders software GL would first have to compile.
  const context = canvas.getContext("2d", { willReadFrequently: true });
  const textWidth = width ?? ((text: string) => context?.measureText(text).width ?? 0);
  let canvasWidth = 0;
  let height = 0;
  return {
    resize(nextWidth, nextHeight) {
      canvasWidth = nextWidth;
      height = nextHeight;
      canvas.width = Math.max(1, Math.round(canvasWidth * pixelRatio));
      canvas.height = Math.max(1, Math.round(height * pixelRatio));
      canvas.style.width = `${canvasWidth}px`;
      canvas.style.height = `${height}px`;
    },
    draw(always, candidates) {
      if (!context) return;
      context.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
      context.clearRect(0, 0, canvasWidth, height);
      context.font = LABEL_FONT;
      context.textBaseline = "middle";
      const taken: number[] = [];
      const place = (item: LabelItem, isForced: boolean) => {
        const left = item.x + item.radius + 3;
        const right = left + textWidth(item.text);
        const top = item.y - HEIGHT / 2;
        if (right < 0 || left > canvasWidth || top + HEIGHT < 0 || top > height) return;
        if (!isForced) {
          for (let t = 0; t < taken.length; t += 4) {
            if (
              left - MARGIN < taken[t + 2] &&
              taken[t] < right + MARGIN &&
              top - MARGIN < taken[t + 3] &&
              taken[t + 1] < top + HEIGHT + MARGIN
            ) {
              return;
            }
          }
        }
        taken.push(left, top, right, top + HEIGHT);
        context.fillStyle = item.hasBackdrop ? BACKDROP_COLOR : LABEL_PLATE_COLOR;
        if (item.hasBackdrop) context.fillRect(left - 3, top - 1, right - left + 6, HEIGHT + 2);
        else context.fillRect(left - 1, top, right - left + 2, HEIGHT);
        context.fillStyle = LABEL_COLOR;
        context.fillText(item.text, left, item.y);
      };
      for (const item of always) place(item, true);
      for (const item of candidates) place(item, false);
    },
  };
}

// The family view's camera: graph coordinates (y up) to viewport pixels (y down) and back. Ratio 1 fits the family
// into the canvas with a margin; a smaller ratio zooms in. Pure: no DOM.

export interface CameraState {
  /** The graph point at the centre of the viewport. */
  x: number;
  y: number;
  ratio: number;
}

export interface Extent {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/** Margin (pixels) the fitted family leaves around it (fit-labels.ts reserves the same). */
export const STAGE_PADDING = 40;
const MIN_CAMERA_RATIO = 0.01;
export const MAX_CAMERA_RATIO = 3;

export class GraphCamera {
  state: CameraState;
  /** Viewport pixels per graph unit at ratio 1. */
  private fitScale = 1;

  constructor(
    private extent: Extent,
    public width: number,
    public height: number,
  ) {
    this.state = { x: (extent.minX + extent.maxX) / 2, y: (extent.minY + extent.maxY) / 2, ratio: 1 };
    this.resize(width, height);
  }

  /** The viewport's size changed (CSS pixels): the fitted scale follows, the camera state stays. */
  resize(width: number, height: number): void {
    this.width = width;
    this.height = height;
    const dx = this.extent.maxX - this.extent.minX;
    const dy = this.extent.maxY - this.extent.minY;
    const usable = (size: number) => Math.max(size - 2 * STAGE_PADDING, 1);
    // A lone model (no extent) is drawn at the centre at any scale.
    this.fitScale = dx <= 0 && dy <= 0 ? 1 : Math.min(usable(width) / (dx || dy), usable(height) / (dy || dx));
  }

  /** Viewport pixels per graph unit now. */
  scale(state: CameraState = this.state): number {
    return this.fitScale / state.ratio;
  }

  graphToViewport(x: number, y: number, state: CameraState = this.state): { x: number; y: number } {
    const k = this.scale(state);
    return { x: this.width / 2 + (x - state.x) * k, y: this.height / 2 - (y - state.y) * k };
  }

  viewportToGraph(x: number, y: number): { x: number; y: number } {
    const k = this.scale();
    return { x: this.state.x + (x - this.width / 2) / k, y: this.state.y - (y - this.height / 2) / k };
  }

  /** Moves the camera by a drag of (dx, dy) viewport pixels. */
  pan(dx: number, dy: number): void {
    const k = this.scale();
    this.state = { ...this.state, x: this.state.x - dx / k, y: this.state.y + dy / k };
  }

  /** Zooms by `factor` (> 1 zooms in) keeping the graph point under viewport (vx, vy) in place. */
  zoomAt(vx: number, vy: number, factor: number): void {
    const anchor = this.viewportToGraph(vx, vy);
    const ratio = Math.min(MAX_CAMERA_RATIO, Math.max(MIN_CAMERA_RATIO, this.state.ratio / factor));
    const k = this.fitScale / ratio;
    this.state = {
      x: anchor.x - (vx - this.width / 2) / k,
      y: anchor.y + (vy - this.height / 2) / k,
      ratio,
    };
  }

  /**
   * The CSS transform (origin top left) that moves a bitmap drawn at `drawn` to where the current camera would draw
   * it: a translation and a uniform scale.
   */
  transformFrom(drawn: CameraState): { tx: number; ty: number; scale: number } {
    const k = this.scale();
    const scale = k / this.scale(drawn);
    return {
      tx: (this.width / 2) * (1 - scale) + (drawn.x - this.state.x) * k,
      ty: (this.height / 2) * (1 - scale) - (drawn.y - this.state.y) * k,
      scale,
    };
  }
}

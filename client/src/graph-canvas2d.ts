// The family drawn on a 2D canvas, behind the same interface as the WebGL2 layer (graph-gl.ts): what the model view
// shows first for a family sigma draws, while sigma loads. Software GL spends 0.3–1 s creating a WebGL context and
// compiling shaders before its first frame; a 2D canvas of a few thousand models and links draws in milliseconds.
import { BACKGROUND_COLOR, INFERRED_DASH } from "./graph-style";
import type { GlCamera, GraphGl } from "./graph-gl";
import { type GraphScene, THICK_EDGE_FLOATS } from "./graph-scene";

/** The CSS colour of an RGBA word (a little-endian Uint32 over RGBA bytes, as the scene packs them). */
function cssColor(word: number): string {
  const alpha = (word >>> 24) / 255;
  return `rgba(${word & 255}, ${(word >>> 8) & 255}, ${(word >>> 16) & 255}, ${alpha.toFixed(3)})`;
}

export function createGraphCanvas2d(canvas: HTMLCanvasElement, pixelRatio: number): GraphGl {
  const context = canvas.getContext("2d", { alpha: false });
  if (!context) throw new Error("graph-canvas2d: this browser gives no 2D canvas context");
  let scene: GraphScene | null = null;
  const colors = new Map<number, string>();
  const colorOf = (word: number) => {
    let css = colors.get(word);
    if (css === undefined) {
      css = cssColor(word);
      colors.set(word, css);
    }
    return css;
  };

  return {
    uploadPositions(next) {
      scene = next;
    },
    uploadStyles(next) {
      scene = next;
    },
    resize(width, height) {
      canvas.width = Math.max(1, Math.round(width * pixelRatio));
      canvas.height = Math.max(1, Math.round(height * pixelRatio));
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    },
    draw(camera: GlCamera) {
      const width = canvas.width / pixelRatio;
      const height = canvas.height / pixelRatio;
      context.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
      context.fillStyle = BACKGROUND_COLOR;
      context.fillRect(0, 0, width, height);
      if (!scene) return;
      const { edgePositions, edgeAlong, positions, radii, topNodes, thickEdges } = scene;
      const edgeColors = new Uint32Array(scene.edgeColors.buffer, scene.edgeColors.byteOffset, 2 * scene.size);
      const nodeColors = new Uint32Array(scene.nodeColors.buffer, scene.nodeColors.byteOffset, scene.order);
      const k = camera.scale;
      const vx = (x: number) => width / 2 + (x - camera.x) * k;
      const vy = (y: number) => height / 2 - (y - camera.y) * k;

      // Links: one path per colour and dash (most links share a handful of colours), the thick ones (licence changes)
      // drawn again above at their width.
      const paths = new Map<number, { color: number; isDashed: boolean; links: number[] }>();
      for (let e = 0; e < scene.size; e++) {
        const color = edgeColors[2 * e];
        if (color >>> 24 === 0) continue;
        const isDashed = edgeAlong[2 * e] >= 0;
        const key = isDashed ? -color - 1 : color;
        let path = paths.get(key);
        if (!path) {
          path = { color, isDashed, links: [] };
          paths.set(key, path);
        }
        path.links.push(e);
      }
      context.lineWidth = 1;
      for (const path of paths.values()) {
        context.strokeStyle = colorOf(path.color);
        context.setLineDash(path.isDashed ? [INFERRED_DASH, INFERRED_DASH] : []);
        context.beginPath();
        for (const e of path.links) {
          context.moveTo(vx(edgePositions[4 * e]), vy(edgePositions[4 * e + 1]));
          context.lineTo(vx(edgePositions[4 * e + 2]), vy(edgePositions[4 * e + 3]));
        }
        context.stroke();
      }
      const thickColors = new Uint32Array(scene.thickColors.buffer, scene.thickColors.byteOffset);
      for (let k = 0; k < thickColors.length; k++) {
        const at = THICK_EDGE_FLOATS * k;
        context.strokeStyle = colorOf(thickColors[k]);
        context.lineWidth = thickEdges[at + 6];
        context.setLineDash(thickEdges[at + 4] >= 0 ? [INFERRED_DASH, INFERRED_DASH] : []);
        context.beginPath();
        context.moveTo(vx(thickEdges[at]), vy(thickEdges[at + 1]));
        context.lineTo(vx(thickEdges[at + 2]), vy(thickEdges[at + 3]));
        context.stroke();
      }
      context.lineWidth = 1;
      context.setLineDash([]);

      // Models in order, runs of one colour in one path; then the top ones (focus, discs, selection) in their order.
      const isTopNode = new Uint8Array(scene.order);
      for (const node of topNodes) isTopNode[node] = 1;
      let runColor = -1;
      const fillRun = () => {
        if (runColor >= 0) {
          context.fillStyle = colorOf(runColor);
          context.fill();
        }
      };
      const circle = (node: number) => {
        const x = vx(positions[2 * node]);
        const y = vy(positions[2 * node + 1]);
        context.moveTo(x + radii[node], y);
        context.arc(x, y, radii[node], 0, 2 * Math.PI);
      };
      for (let node = 0; node < scene.order; node++) {
        if (radii[node] <= 0 || isTopNode[node]) continue;
        if (nodeColors[node] !== runColor) {
          fillRun();
          runColor = nodeColors[node];
          context.beginPath();
        }
        circle(node);
      }
      fillRun();
      for (const node of topNodes) {
        context.beginPath();
        circle(node);
        context.fillStyle = colorOf(nodeColors[node]);
        context.fill();
      }
    },
    kill() {
      scene = null;
    },
  };
}

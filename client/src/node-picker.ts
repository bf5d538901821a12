// Finds the model under the pointer without a picking pass on the GPU: a uniform grid over the graph positions,
// searched around the pointer within the largest drawn radius. Pure: no DOM.

/** Grid cells per side: a few models a cell for the largest families. */
const CELLS = 256;

export interface PickableNodes {
  /** Graph positions, x then y per model. */
  positions: Float32Array;
  /** Drawn radius in pixels per model; 0 when hidden. */
  radii: Float32Array;
  /** 1 for a model drawn above the others (focus, discs, selection): it wins a tie. */
  isTop: Uint8Array;
  count: number;
  /** The largest radius any model may be drawn at (pixels). */
  maxRadius: number;
}

export interface NodePicker {
  /** How many models it was built over. */
  readonly count: number;
  /**
   * The model drawn at graph point (x, y), given `scale` pixels per graph unit and `padding` pixels of tolerance:
   * a top model first, then the one drawn last; -1 when none.
   */
  pick(x: number, y: number, scale: number, padding: number): number;
}

interface Grid {
  cellOf(value: number, min: number): number;
  minX: number;
  minY: number;
  /** `starts[c]..starts[c + 1]` index the models of cell c in `members`. */
  starts: Uint32Array;
  members: Uint32Array;
}

function buildGrid(positions: Float32Array, count: number): Grid {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    minX = Math.min(minX, positions[2 * i]);
    maxX = Math.max(maxX, positions[2 * i]);
    minY = Math.min(minY, positions[2 * i + 1]);
    maxY = Math.max(maxY, positions[2 * i + 1]);
  }
  const cell = Math.max(maxX - minX, maxY - minY, 1e-9) / CELLS;
  const cellOf = (value: number, min: number) => Math.min(CELLS - 1, Math.max(0, Math.floor((value - min) / cell)));
  // Counting sort of the models by cell: `starts` indexes `members`.
  const cellIndex = new Uint32Array(count);
  const starts = new Uint32Array(CELLS * CELLS + 1);
  for (let i = 0; i < count; i++) {
    cellIndex[i] = cellOf(positions[2 * i + 1], minY) * CELLS + cellOf(positions[2 * i], minX);
    starts[cellIndex[i] + 1]++;
  }
  for (let c = 0; c < CELLS * CELLS; c++) starts[c + 1] += starts[c];
  const fill = starts.slice(0, CELLS * CELLS);
  const members = new Uint32Array(count);
  for (let i = 0; i < count; i++) members[fill[cellIndex[i]]++] = i;
  return { cellOf, minX, minY, starts, members };
}

/**
 * The grid is built on the first pick (the first pointer over the view), not with the picker: a view makes its picker
 * before its first frame, which need not wait for it (~10 ms at 1,000 models under software GL).
 */
export function createNodePicker(nodes: PickableNodes): NodePicker {
  const { positions, radii, isTop, count, maxRadius } = nodes;
  let grid: Grid | null = null;
  return {
    count,
    pick(x, y, scale, padding) {
      grid ??= buildGrid(positions, count);
      const { cellOf, minX, minY, starts, members } = grid;
      const reach = (maxRadius + padding) / scale;
      const [x0, x1] = [cellOf(x - reach, minX), cellOf(x + reach, minX)];
      const [y0, y1] = [cellOf(y - reach, minY), cellOf(y + reach, minY)];
      let best = -1;
      for (let cy = y0; cy <= y1; cy++) {
        for (let cx = x0; cx <= x1; cx++) {
          const c = cy * CELLS + cx;
          for (let m = starts[c]; m < starts[c + 1]; m++) {
            const i = members[m];
            if (radii[i] <= 0) continue;
            const distance = Math.hypot(positions[2 * i] - x, positions[2 * i + 1] - y) * scale;
            if (distance > radii[i] + padding) continue;
            if (best < 0 || isTop[i] > isTop[best] || (isTop[i] === isTop[best] && i > best)) best = i;
          }
        }
      }
      return best;
    },
  };
}

// Which labelled models show a label, as sigma's label grid picks them (sigma's getLabelsToDisplay): the fitted view
// cut into square cells, in each the largest models first (ties by key), as many a cell as the density allows at the
// camera's zoom, none for a model drawn smaller than a threshold. The quick first frame of a family sigma draws uses
// it, so that the labels stay put when sigma takes over. Pure: no DOM.

export interface LabelGridSettings {
  /** Cell side in pixels, at the fitted view. */
  cellSize: number;
  /** Labels per cell at the fitted view (rounded up); a zoom by k shows k² times as many. */
  density: number;
  /** Models drawn with a smaller radius (pixels) get no label. */
  minRadius: number;
}

/** Sigma's settings in sigma-graph-view.ts (labelGridCellSize, labelDensity, labelRenderedSizeThreshold). */
export const LABEL_GRID: LabelGridSettings = { cellSize: 160, density: 0.6, minRadius: 4 };

export interface GridCandidate {
  key: string;
  radius: number;
  /** Position in viewport pixels at the fitted view (camera ratio 1). */
  x: number;
  y: number;
}

/** The candidates (indexes into `candidates`) that show a label at camera `ratio`, in no particular order. */
export function pickGridLabels(candidates: GridCandidate[], settings: LabelGridSettings, ratio: number): number[] {
  const perCell = Math.ceil(settings.density / ratio / ratio);
  const cells = new Map<string, number[]>();
  candidates.forEach((candidate, i) => {
    const cell = `${Math.floor(candidate.x / settings.cellSize)},${Math.floor(candidate.y / settings.cellSize)}`;
    const members = cells.get(cell);
    if (members) members.push(i);
    else cells.set(cell, [i]);
  });
  const picked: number[] = [];
  for (const members of cells.values()) {
    members.sort(
      (a, b) => candidates[b].radius - candidates[a].radius || (candidates[a].key > candidates[b].key ? 1 : -1),
    );
    for (const i of members.slice(0, perCell)) {
      if (candidates[i].radius >= settings.minRadius) picked.push(i);
    }
  }
  return picked;
}

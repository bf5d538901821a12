// Tests of pickGridLabels: sigma's label grid (one label per cell at the fitted view, more as the camera zooms in).
import { type GridCandidate, LABEL_GRID, pickGridLabels } from "../../client/src/label-grid";

const at = (key: string, radius: number, x: number, y: number): GridCandidate => ({ key, radius, x, y });

describe("pickGridLabels", () => {
  const settings = { cellSize: 100, density: 0.6, minRadius: 4 };

  it("keeps the largest model of each cell at the fitted view, ties broken by key", () => {
    const candidates = [
      at("small", 5, 10, 10),
      at("large", 9, 90, 90),
      at("b-tie", 6, 150, 10),
      at("a-tie", 6, 110, 60),
      at("alone", 4, 250, 250),
    ];
    const picked = pickGridLabels(candidates, settings, 1).map((i) => candidates[i].key);
    expect(picked.sort()).toEqual(["a-tie", "alone", "large"]);
  });

  it("shows more labels a cell as the camera zooms in (density / ratio², rounded up)", () => {
    const candidates = [at("a", 9, 10, 10), at("b", 8, 20, 20), at("c", 7, 30, 30), at("d", 6, 40, 40)];
    expect(pickGridLabels(candidates, settings, 1)).toHaveLength(1);
    // 0.6 / 0.5² = 2.4: three a cell.
    expect(pickGridLabels(candidates, settings, 0.5).map((i) => candidates[i].key)).toEqual(["a", "b", "c"]);
  });

  it("gives no label to a model drawn below the size threshold, even when it leads its cell", () => {
    const candidates = [at("tiny", 3, 10, 10), at("tinier", 2, 20, 20)];
    expect(pickGridLabels(candidates, settings, 1)).toEqual([]);
    expect(pickGridLabels(candidates, { ...settings, minRadius: 3 }, 1)).toEqual([0]);
  });

  it("holds sigma's settings", () => {
    expect(LABEL_GRID).toEqual({ cellSize: 160, density: 0.6, minRadius: 4 });
  });
});

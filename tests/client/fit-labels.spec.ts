// Tests of fitLabels: of two labelled models whose labels would overlap on screen, the less significant loses its label.
import type { FamilyColumns } from "../../client/src/family-columns";
import { fitLabels } from "../../client/src/fit-labels";

interface Model {
  id: string;
  x: number;
  y: number;
  descendants: number;
  downloads?: number;
}

/**
 * A 1,000-unit-wide family drawn in a 1,000 x 500 canvas (about one pixel a unit): the focus (model 0, always
 * labelled), two models far apart, then `more`; every model but the focus named as worth a label.
 */
function family(...more: Model[]): FamilyColumns {
  const models: Model[] = [
    { id: "focus", x: 0, y: 0, descendants: 100 },
    { id: "far-left", x: -500, y: 0, descendants: 0 },
    { id: "far-right", x: 500, y: 200, descendants: 0 },
    ...more,
  ];
  const column = (read: (model: Model) => number) => models.map(read);
  return {
    nodes: {
      id: models.map((model) => model.id),
      x: column((model) => model.x),
      y: column((model) => model.y),
      generation: column(() => 1),
      relation: column(() => 0),
      descendants: column((model) => model.descendants),
      downloads: column((model) => model.downloads ?? 0),
      hasHiddenChildren: column(() => 0),
      license: column(() => -1),
      subfamily: column(() => -1),
    },
    labelled: models.map((_model, k) => k).slice(1),
  } as unknown as FamilyColumns;
}

const keptIds = (columns: FamilyColumns, kept: Uint8Array) => columns.nodes.id.filter((_id, k) => kept[k] === 1);

describe("fitLabels", () => {
  test("keeps the labels that fit and drops the less significant of two that would overlap", () => {
    // "small" sits 3 units right of "big" at the same height: its label would run over big's.
    const columns = family(
      { id: "org/a-rather-long-model-name", x: 100, y: -200, descendants: 50 },
      { id: "org/another-long-model-name", x: 103, y: -200, descendants: 2 },
    );
    expect(keptIds(columns, fitLabels(columns, 1000, 500))).toEqual([
      "far-left",
      "far-right",
      "org/a-rather-long-model-name",
    ]);
  });

  test("breaks a tie in descendants by downloads", () => {
    const columns = family(
      { id: "org/fewer-downloads", x: 100, y: -200, descendants: 5, downloads: 10 },
      { id: "org/more-downloads", x: 103, y: -200, descendants: 5, downloads: 900 },
    );
    expect(keptIds(columns, fitLabels(columns, 1000, 500))).toContain("org/more-downloads");
    expect(keptIds(columns, fitLabels(columns, 1000, 500))).not.toContain("org/fewer-downloads");
  });

  test("keeps a label clear of the focus's, which is always shown, and never marks the focus itself", () => {
    const columns = family({ id: "org/beside", x: 2, y: 0, descendants: 99 });
    const kept = fitLabels(columns, 1000, 500);
    expect(keptIds(columns, kept)).toEqual(["far-left", "far-right"]);
    expect(kept[0]).toBe(0);
  });

  test("measures a label only with the measure given, and only when a box beside it could touch it", () => {
    const measured: string[] = [];
    const columns = family({ id: "org/near", x: 30, y: 0, descendants: 1 });
    fitLabels(columns, 1000, 500, (text) => {
      measured.push(text);
      return text.length * 7;
    });
    // "far-right" stands alone on its line: no box could touch its label, which is never measured.
    expect(measured).toContain("focus");
    expect(measured).not.toContain("far-right");
  });
});

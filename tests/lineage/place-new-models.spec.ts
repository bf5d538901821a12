// Tests of the incremental layout: models laid out before stay put, new ones land on their ring without overlap.
import { layoutGenerations, type LayoutFamily } from "../../lineage/layout-generations";
import { nearestFreeAngle, placeNewModels, type PreviousLayout } from "../../lineage/place-new-models";

/** focus -> 600 first-generation models -> 1,400 more below them (7919 spreads them over the parents). */
function family(extra: { id: string; parent: string; generation: number }[] = []): LayoutFamily {
  const ids = ["focus"];
  const generation = [0];
  const linkParent: number[] = [];
  const linkChild: number[] = [];
  for (let i = 1; i < 2000; i++) {
    const parent = i < 600 ? 0 : (i * 7919) % 600;
    ids.push(`m${i}`);
    generation.push(generation[parent] + 1);
    linkParent.push(parent);
    linkChild.push(i);
  }
  for (const model of extra) {
    linkParent.push(ids.indexOf(model.parent));
    linkChild.push(ids.length);
    ids.push(model.id);
    generation.push(model.generation);
  }
  return {
    ids,
    generation,
    relation: ids.map(() => "finetune"),
    descendants: ids.map((_, i) => (i === 0 ? ids.length - 1 : 0)),
    createdAt: ids.map(() => null),
    linkParent,
    linkChild,
  };
}

function asPrevious(laidOut: LayoutFamily): PreviousLayout {
  const { x, y } = layoutGenerations(laidOut, 0);
  return { at: new Map(laidOut.ids.map((id, i) => [id, i])), x, y, generation: laidOut.generation };
}

/** The least distance between model `v` and any other model of its ring. */
function closestOnRing(f: LayoutFamily, x: Float64Array, y: Float64Array, v: number): number {
  let closest = Number.POSITIVE_INFINITY;
  for (let u = 0; u < f.ids.length; u++) {
    if (u !== v && f.generation[u] === f.generation[v])
      closest = Math.min(closest, Math.hypot(x[u] - x[v], y[u] - y[v]));
  }
  return closest;
}

describe("placeNewModels", () => {
  test("keeps every model laid out before in place and puts new ones on their ring, apart from the others", () => {
    const before = family();
    const previous = asPrevious(before);
    const after = family([
      { id: "new-first", parent: "focus", generation: 1 },
      { id: "new-second", parent: "m1", generation: 2 },
      { id: "new-third", parent: "new-second", generation: 3 },
    ]);
    const placed = placeNewModels(after, 0, previous);
    if (!placed) throw new Error("placeNewModels declined three new models among 2,000");
    for (let v = 0; v < before.ids.length; v++) {
      expect([placed.x[v], placed.y[v]]).toEqual([previous.x[v], previous.y[v]]);
    }
    for (const id of ["new-first", "new-second", "new-third"]) {
      const v = after.ids.indexOf(id);
      const ringMate = after.ids.findIndex(
        (_, u) => u < before.ids.length && after.generation[u] === after.generation[v],
      );
      const radius = Math.hypot(placed.x[v], placed.y[v]);
      // On its generation's ring, or on one of the lanes just outside it (2 units apart) when the ring is full there.
      if (ringMate >= 0) {
        const lane = (radius - Math.hypot(previous.x[ringMate], previous.y[ringMate])) / 2;
        expect([0, 1, 2, 3]).toContain(Math.round(lane));
        expect(Math.abs(lane - Math.round(lane))).toBeLessThan(1e-6);
      }
      // Arc length 2 between neighbours, as layoutGenerations spaces them (the chord is a hair shorter).
      expect(closestOnRing(after, placed.x, placed.y, v)).toBeGreaterThan(1.99);
    }
    // A new child lands near its parent's angle, not across the picture.
    const child = after.ids.indexOf("new-second");
    const turn = Math.atan2(placed.y[child], placed.x[child]) - Math.atan2(placed.y[1], placed.x[1]);
    expect(Math.abs(Math.atan2(Math.sin(turn), Math.cos(turn)))).toBeLessThan(0.2);
    expect(placed.treeParent[child]).toBe(1);
  });

  test("declines (a full layout is needed) when many models are new or the focus is not where it was", () => {
    const previous = asPrevious(family());
    const many = Array.from({ length: 200 }, (_, k) => ({ id: `n${k}`, parent: "focus", generation: 1 }));
    expect(placeNewModels(family(many), 0, previous)).toBeNull();
    const moved = { ...previous, at: new Map([...previous.at].filter(([id]) => id !== "focus")) };
    expect(placeNewModels(family(), 0, moved)).toBeNull();
  });
});

describe("nearestFreeAngle", () => {
  test("takes the desired angle when it is free, else the nearest edge of the nearest wide enough gap", () => {
    expect(nearestFreeAngle([0, 1], 0.5, 0.1, -10, 10)).toBe(0.5);
    expect(nearestFreeAngle([0, 0.15, 0.3, 1], 0.2, 0.1, -10, 10)).toBeCloseTo(0.4, 9);
    expect(nearestFreeAngle([0, 0.15, 0.3, 1], 0.01, 0.1, -10, 10)).toBeCloseTo(-0.1, 9);
    expect(nearestFreeAngle([0, 0.1, 0.2], 0.1, 0.1, -0.05, 0.25)).toBeNull();
  });
});

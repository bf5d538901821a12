// Tests of createNodePicker: the model under a point within its drawn radius, top models first, hidden ones never.
import { createNodePicker } from "../../client/src/node-picker";
import { seededRandom } from "../helpers/test-seed";

function nodes(points: [number, number, number][], top: number[] = []) {
  return {
    positions: Float32Array.from(points.flatMap((point) => point.slice(0, 2))),
    radii: Float32Array.from(points.map(([, , radius]) => radius)),
    isTop: Uint8Array.from(points.map((_, i) => (top.includes(i) ? 1 : 0))),
    count: points.length,
    maxRadius: 32,
  };
}

describe("createNodePicker", () => {
  test("finds the model within its radius (in pixels at the given scale) and nothing beyond", () => {
    const picker = createNodePicker(
      nodes([
        [0, 0, 5],
        [100, 0, 5],
      ]),
    );
    expect(picker.pick(1, 1, 2, 0)).toBe(0);
    expect(picker.pick(98, 0, 2, 0)).toBe(1);
    expect(picker.pick(50, 0, 2, 2)).toBe(-1);
    // 4 units at 2 px a unit is 8 px: outside a 5 px radius, inside with 4 px of padding.
    expect(picker.pick(4, 0, 2, 0)).toBe(-1);
    expect(picker.pick(4, 0, 2, 4)).toBe(0);
  });

  test("prefers a top model, then the one drawn last; never a hidden one", () => {
    const picked = nodes(
      [
        [0, 0, 10],
        [1, 0, 10],
        [2, 0, 10],
      ],
      [0],
    );
    expect(createNodePicker(picked).pick(1, 0, 1, 0)).toBe(0);
    picked.isTop[0] = 0;
    expect(createNodePicker(picked).pick(1, 0, 1, 0)).toBe(2);
    picked.radii[2] = 0;
    expect(createNodePicker(picked).pick(1, 0, 1, 0)).toBe(1);
  });

  test("agrees with a linear scan on random models", () => {
    const random = seededRandom("node-picker", 7);
    const points: [number, number, number][] = Array.from({ length: 3000 }, () => [
      random() * 1000,
      random() * 600,
      1 + random() * 20,
    ]);
    const models = nodes(points);
    const picker = createNodePicker(models);
    for (let probe = 0; probe < 300; probe++) {
      const [x, y, scale] = [random() * 1000, random() * 600, 0.2 + random() * 3];
      let expected = -1;
      for (let i = 0; i < models.count; i++) {
        const distance = Math.hypot(models.positions[2 * i] - x, models.positions[2 * i + 1] - y) * scale;
        if (distance <= models.radii[i] + 2) expected = i;
      }
      expect(picker.pick(x, y, scale, 2)).toBe(expected);
    }
  });
});

// Tests of the node size encoding: the sigma binding must give a log scale of the descendant count.
import { descendantsSizeBinding, MAX_NODE_SIZE, MIN_NODE_SIZE, nodeRadius } from "../../client/src/graph-style";

/** What sigma does with a numerical binding (sigma/src/core/styles: resolveNumericalBinding). */
function sizeFor(descendants: number, min = MIN_NODE_SIZE): number {
  const binding = descendantsSizeBinding(min);
  const t = Math.max(0, Math.min(1, (descendants - binding.minValue) / (binding.maxValue - binding.minValue)));
  return binding.min + binding.easing(t) * (binding.max - binding.min);
}

describe("descendantsSizeBinding", () => {
  test("starts at the minimum for a model without derivatives and saturates at the maximum", () => {
    expect(sizeFor(0)).toBeCloseTo(MIN_NODE_SIZE);
    expect(sizeFor(1e12)).toBeCloseTo(MAX_NODE_SIZE);
  });

  test("grows by the same step for every tenfold increase", () => {
    const steps = [9, 99, 999, 9999].map((n, i, all) =>
      i === 0 ? sizeFor(n) - sizeFor(0) : sizeFor(n) - sizeFor(all[i - 1]),
    );
    for (const step of steps) expect(step).toBeCloseTo(steps[0], 5);
    expect(steps[0]).toBeGreaterThan(2);
  });

  test("keeps the focus at least its own minimum", () => {
    expect(sizeFor(0, 12)).toBeCloseTo(12);
    expect(sizeFor(100, 12)).toBeGreaterThan(sizeFor(100));
  });
});

describe("nodeRadius", () => {
  test("is the radius sigma draws for the binding (what label fitting reserves for the node)", () => {
    for (const descendants of [0, 1, 30, 5000, 1e9]) expect(nodeRadius(descendants)).toBeCloseTo(sizeFor(descendants));
  });
});

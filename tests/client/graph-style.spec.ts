// Tests of the node size encoding: the radius must follow a log scale of the descendant count.
import { descendantsRadius, MAX_NODE_SIZE, MIN_NODE_SIZE, nodeRadius } from "../../client/src/graph-style";

describe("descendantsRadius", () => {
  test("starts at the minimum for a model without derivatives and saturates at the maximum", () => {
    expect(descendantsRadius(0, MIN_NODE_SIZE)).toBeCloseTo(MIN_NODE_SIZE);
    expect(descendantsRadius(1e12, MIN_NODE_SIZE)).toBeCloseTo(MAX_NODE_SIZE);
    expect(descendantsRadius(1e12, 8, 32)).toBeCloseTo(32);
  });

  test("grows by the same step for every tenfold increase", () => {
    const size = (n: number) => descendantsRadius(n, MIN_NODE_SIZE);
    const steps = [9, 99, 999, 9999].map((n, i, all) => (i === 0 ? size(n) - size(0) : size(n) - size(all[i - 1])));
    for (const step of steps) expect(step).toBeCloseTo(steps[0], 5);
    expect(steps[0]).toBeGreaterThan(2);
  });

  test("keeps the focus at least its own minimum", () => {
    expect(descendantsRadius(0, 12)).toBeCloseTo(12);
    expect(descendantsRadius(100, 12)).toBeGreaterThan(descendantsRadius(100, MIN_NODE_SIZE));
  });
});

describe("nodeRadius", () => {
  test("is the radius of an ordinary model (what label fitting reserves for the node)", () => {
    for (const descendants of [0, 1, 30, 5000, 1e9]) {
      expect(nodeRadius(descendants)).toBeCloseTo(descendantsRadius(descendants, MIN_NODE_SIZE));
    }
  });
});

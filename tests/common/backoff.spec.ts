// backoffWithJitter: doubling from the base, capped, jitter in [0.5, 1) of the capped wait.
import { backoffWithJitter } from "../../common/backoff";

describe("backoffWithJitter", () => {
  it("doubles from the base with each attempt until the cap", () => {
    const top = () => 0.999999;
    expect([1, 2, 3, 4, 5].map((n) => backoffWithJitter(n, 100, 1_000, top))).toEqual([100, 200, 400, 800, 1_000]);
  });

  it("scales the capped wait into [half, whole) by the random draw", () => {
    expect(backoffWithJitter(3, 100, 10_000, () => 0)).toBe(200);
    expect(backoffWithJitter(3, 100, 10_000, () => 0.5)).toBe(300);
    expect(backoffWithJitter(10, 100, 1_000, () => 0)).toBe(500);
  });
});

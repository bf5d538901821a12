// lowerBound: the insertion point of a sorted list, checked against a linear scan.
import { lowerBound } from "../../common/lower-bound";

describe("lowerBound", () => {
  it("finds the first index not before the target, as a linear scan does", () => {
    const sorted = [1, 3, 3, 3, 7, 9, 9, 12];
    for (let target = 0; target <= 13; target++) {
      const expected = sorted.findIndex((value) => value >= target);
      expect([target, lowerBound(sorted.length, (i) => sorted[i] < target)]).toEqual([
        target,
        expected === -1 ? sorted.length : expected,
      ]);
    }
  });

  it("answers 0 for an empty list and never reads outside [0, length)", () => {
    const read: number[] = [];
    const alwaysBefore = (i: number) => {
      read.push(i);
      return true;
    };
    expect(lowerBound(0, alwaysBefore)).toBe(0);
    expect(lowerBound(5, alwaysBefore)).toBe(5);
    expect(read.every((i) => i >= 0 && i < 5)).toBe(true);
  });
});

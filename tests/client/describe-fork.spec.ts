// describeDepth: a deep fork never reads as a direct child.
import { describeDepth } from "../../client/src/describe-fork";

describe("describeDepth", () => {
  it.each([
    [1, "direct child"],
    [2, "2 generations below"],
    [4, "4 generations below"],
  ])("describes depth %d as %s", (depth, words) => {
    expect(describeDepth(depth)).toBe(words);
  });
});

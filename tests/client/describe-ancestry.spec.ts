// describeRoots: roots within the drawn levels need no note; roots above them say how many generations more.
import { describeRoots } from "../../client/src/describe-ancestry";

describe("describeRoots", () => {
  it("says how many generations lie above the drawn levels, for each root", () => {
    expect(
      describeRoots(
        [
          { root: "meta/Base", depth: 6 },
          { root: "other/Near", depth: 2 },
          { root: "other/Just", depth: 4 },
        ],
        3,
      ),
    ).toEqual([
      { root: "meta/Base", beyond: "… and 3 more generations up to meta/Base" },
      { root: "other/Near", beyond: null },
      { root: "other/Just", beyond: "… and 1 more generation up to other/Just" },
    ]);
  });

  it("counts from the model when no ancestor level is drawn", () => {
    expect(describeRoots([{ root: "a/Root", depth: 2 }], -1)).toEqual([
      { root: "a/Root", beyond: "… and 2 more generations up to a/Root" },
    ]);
  });
});

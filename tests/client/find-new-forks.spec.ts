// Tests of the live forks view's diff: which events of a fresh page were not shown before.
import { findNewForks, forkKey } from "../../client/src/find-new-forks";
import type { ForkItem } from "../../server/contract/types";

function fork(model: string, root = "org/base"): ForkItem {
  return {
    model,
    root,
    relation: "finetune",
    depth: 1,
    createdAt: null,
    seenAt: "2025-08-01T00:00:00.000Z",
    kind: "new",
  };
}

describe("findNewForks", () => {
  test("names the events the previous page lacked", () => {
    const before = [fork("a/one"), fork("a/two")];
    const after = [fork("a/three"), fork("a/one"), fork("a/two")];
    expect([...findNewForks(before, after)]).toEqual([forkKey(fork("a/three"))]);
  });

  test("compares ids case-insensitively, and tells families apart", () => {
    const before = [fork("A/One", "Org/Base")];
    expect(findNewForks(before, [fork("a/one", "org/base")]).size).toBe(0);
    expect(findNewForks(before, [fork("a/one", "org/other")]).size).toBe(1);
  });

  test("everything is new after an empty page, nothing after the same page", () => {
    const page = [fork("a/one"), fork("a/two")];
    expect(findNewForks([], page).size).toBe(2);
    expect(findNewForks(page, page).size).toBe(0);
  });
});

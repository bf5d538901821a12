// parentRows: each node's parents as compressed rows, declared pairs only unless inferred ones are asked for.
import { parentRows } from "../../../db/counts/parent-rows";

const rowsOf = (rows: { start: Int32Array; parents: Int32Array }, v: number): number[] => [
  ...rows.parents.subarray(rows.start[v], rows.start[v + 1]),
];

describe("parentRows", () => {
  const pairs = { child: [2, 1, 2, 3], parent: [0, 0, 1, 2], declared: [true, true, false, true] };

  it("lists each node's parents in pair order, inferred pairs included when asked", () => {
    const rows = parentRows(4, pairs, true);
    expect([0, 1, 2, 3].map((v) => rowsOf(rows, v))).toEqual([[], [0], [0, 1], [2]]);
  });

  it("leaves inferred pairs out otherwise", () => {
    const rows = parentRows(4, pairs, false);
    expect([0, 1, 2, 3].map((v) => rowsOf(rows, v))).toEqual([[], [0], [0], [2]]);
    expect(rows.start[4]).toBe(3);
  });
});

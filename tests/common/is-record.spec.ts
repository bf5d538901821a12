// isRecord: plain objects only.
import { isRecord } from "../../common/is-record";

describe("isRecord", () => {
  it("accepts objects and refuses null, arrays and scalars", () => {
    expect(isRecord({})).toBe(true);
    expect(isRecord({ a: 1 })).toBe(true);
    expect([null, undefined, [], [1], "x", 1, true].map(isRecord)).toEqual(Array(7).fill(false));
  });
});

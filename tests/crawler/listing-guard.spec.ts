// createListingGuard: a listing goes on while it moves, and is cut off at a loop or a run of empty pages.
import { createListingGuard, MAX_EMPTY_PAGES } from "../../crawler/listing-guard";

describe("createListingGuard", () => {
  it("lets a listing go on while its pages hold items, whatever their number", () => {
    const guard = createListingGuard();
    expect(guard.check(null, 500, "u1")).toBe("go-on");
    expect(guard.check("u1", 3, "u2")).toBe("go-on");
    expect(guard.check("u2", 0, null)).toBe("go-on");
  });

  it("calls a next link already followed a loop", () => {
    const guard = createListingGuard();
    guard.check(null, 10, "u1");
    expect(guard.check("u1", 10, "u1")).toBe("loop");
  });

  it("cuts off empty pages with fresh cursors after a few in a row, and counts again after a full one", () => {
    const guard = createListingGuard();
    for (let i = 1; i < MAX_EMPTY_PAGES; i++) expect(guard.check(`c${i - 1}`, 0, `c${i}`)).toBe("go-on");
    expect(guard.check("x", 500, "y")).toBe("go-on");
    for (let i = 1; i < MAX_EMPTY_PAGES; i++) expect(guard.check(`d${i - 1}`, 0, `d${i}`)).toBe("go-on");
    expect(guard.check("d-last", 0, "d-next")).toBe("stalled");
  });
});

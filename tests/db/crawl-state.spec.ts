// getState and setState: the crawl_state key-value table.
import { getState, setState } from "../../db/crawl-state";
import { LATER, NOW, freshDb } from "../helpers/db-fixtures";

describe("getState and setState", () => {
  it("stores the latest value of a key", () => {
    const db = freshDb();
    expect(getState(db, "watch:watermark")).toBeNull();
    setState(db, "watch:watermark", "2025-01-01T00:00:00.000Z", NOW);
    setState(db, "watch:watermark", "2025-02-01T00:00:00.000Z", LATER);
    expect(getState(db, "watch:watermark")).toBe("2025-02-01T00:00:00.000Z");
    expect(db.prepare("SELECT updated_at FROM crawl_state").pluck().get()).toBe(LATER);
  });
});

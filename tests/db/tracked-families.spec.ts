// trackFamily and listTrackedFamilies.
import { listTrackedFamilies, trackFamily, type TrackedVia } from "../../db/tracked-families";
import { InvalidStoreInputError } from "../../db/store-errors";
import { LATER, NOW, freshDb } from "../helpers/db-fixtures";

describe("trackFamily and listTrackedFamilies", () => {
  it("keeps the first way and date a family was tracked", () => {
    const db = freshDb();
    expect(trackFamily(db, "Qwen/Qwen2.5-72B", "seed", NOW)).toBe(true);
    expect(trackFamily(db, "qwen/qwen2.5-72b", "track", LATER)).toBe(false);
    trackFamily(db, "not-on-the-hub/yet", "track", LATER);
    expect(listTrackedFamilies(db)).toEqual([
      { id: "Qwen/Qwen2.5-72B", via: "seed", addedAt: NOW },
      { id: "not-on-the-hub/yet", via: "track", addedAt: LATER },
    ]);
  });

  it("rejects an unknown way of tracking", () => {
    expect(() => trackFamily(freshDb(), "a/b", "guess" as TrackedVia, NOW)).toThrow(InvalidStoreInputError);
  });
});

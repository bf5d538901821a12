// The crawl frontier: enqueue, nextPending, setCursor and markDone.
import { clearFrontier, countFrontier, enqueue, markDone, nextPending, setCursor } from "../../db/frontier";
import { InvalidStoreInputError } from "../../db/store-errors";
import { freshDb } from "../helpers/db-fixtures";

describe("enqueue and nextPending", () => {
  it("keeps breadth-first order and ignores items already queued or done, in any case", () => {
    const db = freshDb();
    expect(
      enqueue(db, "k", [
        { direction: "down", id: "root/a", depth: 0 },
        { direction: "up", id: "root/a", depth: 0 },
      ]),
    ).toBe(2);
    markDone(db, "k", "down", "root/a");
    expect(
      enqueue(db, "k", [
        { direction: "down", id: "kid/b", depth: 1 },
        { direction: "down", id: "ROOT/A", depth: 1 },
        { direction: "down", id: "kid/c", depth: 1 },
        { direction: "down", id: "kid/B", depth: 1 },
      ]),
    ).toBe(2);
    expect(nextPending(db, "k", undefined, 10).map((i) => [i.direction, i.id, i.depth])).toEqual([
      ["up", "root/a", 0],
      ["down", "kid/b", 1],
      ["down", "kid/c", 1],
    ]);
    expect(nextPending(db, "k", "down", 1).map((i) => i.id)).toEqual(["kid/b"]);
    expect(countFrontier(db, "k")).toEqual({ pending: 3, done: 1 });
  });

  it("keeps keys apart", () => {
    const db = freshDb();
    enqueue(db, "a", [{ direction: "down", id: "m", depth: 0 }]);
    enqueue(db, "b", [{ direction: "down", id: "m", depth: 0 }]);
    clearFrontier(db, "a");
    expect(nextPending(db, "a", undefined, 10)).toEqual([]);
    expect(nextPending(db, "b", undefined, 10)).toHaveLength(1);
  });

  it("rejects an unknown direction or a negative depth, writing nothing", () => {
    const db = freshDb();
    expect(() =>
      enqueue(db, "k", [
        { direction: "down", id: "a", depth: 0 },
        { direction: "sideways" as "down", id: "b", depth: 0 },
      ]),
    ).toThrow(InvalidStoreInputError);
    expect(() => enqueue(db, "k", [{ direction: "down", id: "b", depth: -1 }])).toThrow(InvalidStoreInputError);
    expect(countFrontier(db, "k")).toEqual({ pending: 0, done: 0 });
  });
});

describe("setCursor and markDone", () => {
  it("keeps a listing's next page until the item is done", () => {
    const db = freshDb();
    enqueue(db, "k", [{ direction: "down", id: "big/base", depth: 0 }]);
    setCursor(db, "k", "down", "big/base", "https://example.invalid/api/models?cursor=2");
    expect(nextPending(db, "k", "down", 1)[0].cursor).toBe("https://example.invalid/api/models?cursor=2");
    markDone(db, "k", "down", "big/base");
    expect(nextPending(db, "k", "down", 1)).toEqual([]);
    expect(countFrontier(db, "k")).toEqual({ pending: 0, done: 1 });
  });
});

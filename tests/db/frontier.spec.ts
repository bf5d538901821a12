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

  it("keeps queue order across calls before any item is done", () => {
    const db = freshDb();
    enqueue(db, "k", [{ direction: "down", id: "z/first", depth: 0 }]);
    enqueue(db, "k", [{ direction: "down", id: "m/second", depth: 1 }]);
    enqueue(db, "k", [{ direction: "down", id: "a/third", depth: 1 }]);
    expect(nextPending(db, "k", "down", 10).map((item) => item.id)).toEqual(["z/first", "m/second", "a/third"]);
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

describe("frontier query plans", () => {
  /** The plan of every statement the frontier's functions prepare, by SQL, read from the statements they run. */
  function plansOf(run: (db: ReturnType<typeof freshDb>) => void): Map<string, string> {
    const db = freshDb();
    const prepare = jest.spyOn(db, "prepare");
    run(db);
    const sqls = [...new Set(prepare.mock.calls.map(([sql]) => sql as string))];
    prepare.mockRestore();
    return new Map(
      sqls.map((sql) => [
        sql.replace(/\s+/g, " ").trim(),
        db
          .prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .all(...placeholders(sql))
          .map((row) => (row as { detail: string }).detail)
          .join(" | "),
      ]),
    );
  }

  /** Nulls for a statement's parameters, named (`@key`) or positional. */
  function placeholders(sql: string): unknown[] {
    const names = [...sql.matchAll(/@(\w+)/g)].map((match) => match[1]);
    if (names.length > 0) return [Object.fromEntries(names.map((name) => [name, null]))];
    return Array.from(sql.match(/\?/g) ?? [], () => null);
  }

  function planOf(plans: Map<string, string>, sqlStart: string): string {
    const found = [...plans].filter(([sql]) => sql.startsWith(sqlStart));
    expect(found).toHaveLength(1);
    return found[0][1];
  }

  it("seeks the pending items of one direction, and of all, by index in queue order", () => {
    const plans = plansOf((db) => {
      enqueue(db, "k", [{ direction: "card", id: "a", depth: 0 }]);
      nextPending(db, "k", "down", 1);
      nextPending(db, "k", undefined, 1);
      setCursor(db, "k", "down", "a", null);
      markDone(db, "k", "down", "a");
    });
    const ofDirection = planOf(
      plans,
      "SELECT direction, id, depth, cursor FROM frontier WHERE key = ? AND done = 0 AND",
    );
    expect(ofDirection).toContain("USING INDEX frontier_direction_pending (key=? AND direction=? AND done=?)");
    expect(ofDirection).not.toContain("TEMP B-TREE");
    const ofAll = planOf(plans, "SELECT direction, id, depth, cursor FROM frontier WHERE key = ? AND done = 0 ORDER");
    expect(ofAll).toContain("USING INDEX frontier_pending (key=? AND done=?)");
    expect(ofAll).not.toContain("TEMP B-TREE");
    expect(planOf(plans, "SELECT max(coalesce(")).toMatch(/frontier_pending \(key=\? AND done=\?\).*frontier_pending/);
    expect(planOf(plans, "UPDATE frontier SET cursor")).toContain("USING PRIMARY KEY (key=? AND direction=? AND id=?)");
    expect(planOf(plans, "UPDATE frontier SET done")).toContain("USING PRIMARY KEY (key=? AND direction=? AND id=?)");
  });

  it("answers one direction's oldest items past many pending items of another", () => {
    const db = freshDb();
    enqueue(
      db,
      "k",
      Array.from({ length: 500 }, (_, i) => ({ direction: "card" as const, id: `card/${i}`, depth: 1 })),
    );
    enqueue(db, "k", [
      { direction: "down", id: "kid/a", depth: 1 },
      { direction: "down", id: "kid/b", depth: 1 },
    ]);
    markDone(db, "k", "down", "kid/a");
    expect(nextPending(db, "k", "down", 5).map((item) => item.id)).toEqual(["kid/b"]);
  });
});

// walkDescendants, sortDescendants and pageDescendants on hand-made graphs: diamonds, cycles, merges, inferred edges.
import type { Db } from "../../../db/open-database";
import {
  pageDescendants,
  sortDescendants,
  walkDescendants,
  type DescendantItem,
} from "../../../db/queries/descendants";
import { setParents } from "../../../db/edges";
import { buildLineageDb, NOW } from "../../helpers/lineage-db";

describe("walkDescendants", () => {
  let db: Db;
  afterEach(() => db.close());

  it("reaches a diamond's bottom once, at its fewest hops", () => {
    // a -> b -> d, a -> c -> d, a -> d is absent; d -> e
    db = buildLineageDb(
      ["o/a", "o/b", "o/c", "o/d", "o/e"],
      ["o/a o/b finetune", "o/a o/c finetune", "o/b o/d merge", "o/c o/d merge", "o/d o/e quantized"],
    );
    const members = walkDescendants(db, "o/a", { includeInferred: false });
    expect(members.map((m) => [m.id, m.depth])).toEqual([
      ["o/b", 1],
      ["o/c", 1],
      ["o/d", 2],
      ["o/e", 3],
    ]);
    expect(members.find((m) => m.id === "o/d")?.parent).toBe("o/b");
  });

  it("ends on a cycle and never lists the start as its own descendant", () => {
    db = buildLineageDb(["o/a", "o/b", "o/c"], ["o/a o/b finetune", "o/b o/c finetune", "o/c o/a finetune"]);
    expect(walkDescendants(db, "o/a", { includeInferred: false }).map((m) => m.id)).toEqual(["o/b", "o/c"]);
  });

  it("gives a model with a merge edge the merge relation, whatever edge reached it", () => {
    db = buildLineageDb(["o/a", "o/x", "o/m"], ["o/a o/m finetune", "o/x o/m merge"]);
    expect(walkDescendants(db, "o/a", { includeInferred: false })).toEqual([
      expect.objectContaining({ id: "o/m", parent: "o/a", relation: "merge" }),
    ]);
  });

  it("follows inferred edges only when asked", () => {
    db = buildLineageDb(["o/a", "o/b", "o/c"], ["o/a o/b finetune", "o/b o/c adapter inferred 0.8"]);
    expect(walkDescendants(db, "o/a", { includeInferred: false }).map((m) => m.id)).toEqual(["o/b"]);
    expect(walkDescendants(db, "o/a", { includeInferred: true }).map((m) => m.id)).toEqual(["o/b", "o/c"]);
  });

  it("stops at maxDepth", () => {
    db = buildLineageDb(["o/a", "o/b", "o/c"], ["o/a o/b finetune", "o/b o/c finetune"]);
    expect(walkDescendants(db, "o/a", { includeInferred: false, maxDepth: 1 }).map((m) => m.id)).toEqual(["o/b"]);
    expect(walkDescendants(db, "o/a", { includeInferred: false, maxDepth: 2 }).map((m) => m.id)).toEqual([
      "o/b",
      "o/c",
    ]);
  });

  it("matches ids case-insensitively", () => {
    db = buildLineageDb(["Org/A", "org/b"], ["ORG/a org/b finetune"]);
    expect(walkDescendants(db, "org/a", { includeInferred: false }).map((m) => m.id)).toEqual(["org/b"]);
  });
});

describe("pageDescendants", () => {
  let db: Db;
  afterEach(() => db.close());

  function family(size: number) {
    const models = [{ id: "o/root", downloads: 1 }];
    const edges: string[] = [];
    for (let i = 0; i < size; i++) {
      // Many equal downloads, so the id tie-break decides most of the order.
      models.push({ id: `o/m${String(i).padStart(3, "0")}`, downloads: i % 4 });
      edges.push(
        `o/${i < 10 ? "root" : `m${String(i % 10).padStart(3, "0")}`} o/m${String(i).padStart(3, "0")} finetune`,
      );
    }
    return buildLineageDb(models, edges);
  }

  function collect(sorted: ReturnType<typeof sortDescendants>, limit: number): DescendantItem[] {
    const items: DescendantItem[] = [];
    let after = null;
    do {
      const page = pageDescendants(sorted, after, limit);
      items.push(...page.items);
      after = page.next;
    } while (after);
    return items;
  }

  it.each(["downloads", "likes", "created", "depth"] as const)(
    "lists every descendant once in %s order over pages",
    (sort) => {
      db = family(57);
      const sorted = sortDescendants(db, "o/root", { includeInferred: false, sort });
      const items = collect(sorted, 8);
      expect(items).toHaveLength(57);
      expect(new Set(items.map((i) => i.id)).size).toBe(57);
      expect(items).toEqual(sorted.keyed.map((k) => k.item));
    },
  );

  it("continues a listing without repeating or skipping a model when another one is added between pages", () => {
    db = family(30);
    const before = sortDescendants(db, "o/root", { includeInferred: false, sort: "downloads" });
    const first = pageDescendants(before, null, 10);
    setParents(db, "o/zz-new", "tag", [{ id: "o/root", relation: "adapter", source: "tag", confidence: 1 }], NOW);
    const after = sortDescendants(db, "o/root", { includeInferred: false, sort: "downloads" });
    const rest: DescendantItem[] = [];
    for (let next = first.next; next; ) {
      const page = pageDescendants(after, next, 10);
      rest.push(...page.items);
      next = page.next;
    }
    const seen = [...first.items, ...rest].map((i) => i.id).filter((id) => id !== "o/zz-new");
    expect(seen).toHaveLength(30);
    expect(new Set(seen)).toEqual(new Set(before.keyed.map((k) => k.item.id)));
  });

  it("filters by relation before paging", () => {
    db = buildLineageDb(["o/a", "o/b", "o/c", "o/d"], ["o/a o/b adapter", "o/a o/c quantized", "o/c o/d adapter"]);
    const sorted = sortDescendants(db, "o/a", { includeInferred: false, sort: "depth", relation: "adapter" });
    expect(pageDescendants(sorted, null, 10)).toEqual(expect.objectContaining({ total: 2, next: null }));
    expect(pageDescendants(sorted, null, 10).items.map((i) => i.id)).toEqual(["o/b", "o/d"]);
  });
});

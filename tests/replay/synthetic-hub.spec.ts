// The synthetic Hub: deterministic per seed, and shaped like the Hub (figures computed from its edges here).
import { parseBaseModelTags } from "../../replay/base-model-tags";
import { HUB_PLACEHOLDER_CREATED_AT } from "../../replay/hub-store";
import { ReplayConfigError } from "../../replay/replay-errors";
import { createSyntheticHub, type SyntheticEdge, type SyntheticHub } from "../../replay/synthetic-hub";
import { SYNTHETIC_DEFAULTS } from "../../replay/validate-synthetic-params";

const N = 60_000;
const hub = createSyntheticHub({ models: N, seed: 3 });
const edges = [...hub.edges()];

function edgesByChild(list: SyntheticEdge[]): Map<number, SyntheticEdge[]> {
  const map = new Map<number, SyntheticEdge[]>();
  for (const e of list) map.set(e.childIndex, [...(map.get(e.childIndex) ?? []), e]);
  return map;
}

/** Depth along first declared parents (the tree the generator grew); a chain that loops stops where it loops. */
function maxFirstParentDepth(target: SyntheticHub, list: SyntheticEdge[]): number {
  const first = new Map<number, number>();
  for (const e of list) if (!first.has(e.childIndex)) first.set(e.childIndex, e.parentIndex);
  let max = 0;
  for (let i = 0; i < target.size; i++) {
    const seen = new Set<number>([i]);
    let depth = 0;
    for (let p = first.get(i); p !== undefined && p >= 0 && !seen.has(p); p = first.get(p)) {
      seen.add(p);
      depth++;
    }
    max = Math.max(max, depth);
  }
  return max;
}

describe("createSyntheticHub", () => {
  test("is deterministic per seed and differs across seeds", () => {
    const [first, again, other] = [3, 3, 4].map((seed) => createSyntheticHub({ models: 20_000, seed }));
    expect(JSON.stringify([...again.edges()])).toBe(JSON.stringify([...first.edges()]));
    for (const i of [0, 1, 777, 19_999]) {
      expect(again.record(i)).toEqual(first.record(i));
      expect(again.card(i)).toBe(first.card(i));
    }
    expect(JSON.stringify([...other.edges()])).not.toBe(JSON.stringify([...first.edges()]));
  });

  test("every id resolves back to its model, old ids to the renamed model, anything else to nothing", () => {
    const unresolved = Array.from({ length: N }, (_, i) => i).filter((i) => {
      const found = hub.lookup(hub.id(i));
      return found?.kind !== "model" || found.index !== i;
    });
    expect(unresolved).toEqual([]);
    const renamed = Array.from({ length: N }, (_, i) => i).filter((i) => hub.oldId(i) !== null);
    expect(renamed.length).toBe(hub.shape().renamed);
    expect(renamed.length).toBeGreaterThan(0);
    for (const i of renamed) expect(hub.lookup(hub.oldId(i)!.toUpperCase())).toEqual({ kind: "renamed", index: i });
    const dangling = edges.filter((e) => e.parentIndex < 0);
    expect(dangling.length).toBe(hub.shape().danglingEdges);
    for (const e of dangling) expect(hub.lookup(e.parentId)).toBeNull();
    expect(hub.lookup("nobody/nothing")).toBeNull();
    expect(hub.lookup(`x/${hub.id(5).split("/")[1]}`)).toBeNull();
  });

  test("records' tags declare exactly the ground-truth edges", () => {
    const byChild = edgesByChild(edges);
    const differing: number[] = [];
    for (let i = 0; i < N; i += 7) {
      const declared = JSON.stringify(parseBaseModelTags(hub.record(i).tags as string[]));
      const expected = JSON.stringify((byChild.get(i) ?? []).map((e) => ({ id: e.parentId, relation: e.relation })));
      if (declared !== expected) differing.push(i);
    }
    expect(differing).toEqual([]);
  });

  test("family sizes follow a power law: a few huge bases, a long tail of small ones", () => {
    const children = new Map<number, number[]>();
    for (const e of edges)
      if (e.parentIndex >= 0) children.set(e.parentIndex, [...(children.get(e.parentIndex) ?? []), e.childIndex]);
    const roots = [...children.keys()].filter((i) => !edges.some((e) => e.childIndex === i && e.parentIndex >= 0));
    const descendants = roots
      .map((root) => {
        const seen = new Set<number>();
        const stack = [root];
        while (stack.length)
          for (const c of children.get(stack.pop()!) ?? [])
            if (!seen.has(c)) {
              seen.add(c);
              stack.push(c);
            }
        return seen.size;
      })
      .sort((a, b) => b - a);
    expect(descendants[0]).toBeGreaterThan(N * 0.05);
    expect(descendants[0]).toBeGreaterThan(20 * descendants[Math.floor(descendants.length / 2)]);
    expect(roots.length).toBeGreaterThan(100);
  });

  test("relation mix as configured, merges with 2 to 20 parents", () => {
    const byChild = edgesByChild(edges);
    const perChild: Record<string, number> = { finetune: 0, adapter: 0, quantized: 0, merge: 0 };
    for (const list of byChild.values()) perChild[list[0].relation]++;
    const total = Object.values(perChild).reduce((a, b) => a + b);
    const mix = SYNTHETIC_DEFAULTS.relationMix;
    for (const r of ["finetune", "adapter", "quantized", "merge"] as const) {
      expect(Math.abs(perChild[r] / total - mix[r])).toBeLessThan(0.03);
    }
    const mergeSizes = [...byChild.values()].filter((l) => l[0].relation === "merge").map((l) => l.length);
    expect(Math.min(...mergeSizes)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...mergeSizes)).toBeLessThanOrEqual(20);
    expect(Math.max(...mergeSizes)).toBeGreaterThanOrEqual(6);
  });

  test("depth stays within maxDepth and reaches it", () => {
    const shallow = createSyntheticHub({ models: N, seed: 3, maxDepth: 4, cycles: 0 });
    expect(maxFirstParentDepth(shallow, [...shallow.edges()])).toBe(4);
  });

  test("children are created after their parents, except along the few cycle edges", () => {
    const late = edges.filter(
      (e) => e.parentIndex >= 0 && hub.createdAtMs(e.parentIndex) >= hub.createdAtMs(e.childIndex),
    );
    expect(late.length).toBeLessThanOrEqual(hub.shape().cycles);
    expect(hub.shape().cycles).toBeGreaterThan(0);
    // Each late edge closes a cycle: its child is an ancestor of its parent.
    const first = new Map<number, number>();
    for (const e of edges) if (!first.has(e.childIndex)) first.set(e.childIndex, e.parentIndex);
    for (const e of late) {
      let p: number | undefined = e.parentIndex;
      const path = new Set<number>();
      while (p !== undefined && p >= 0 && p !== e.childIndex && !path.has(p)) {
        path.add(p);
        p = first.get(p);
      }
      expect(p).toBe(e.childIndex);
    }
  });

  test("creation dates spread over the range, with the Hub's placeholder on some old repos", () => {
    const years = new Map<number, number>();
    let placeholders = 0;
    for (let i = 0; i < N; i++) {
      const iso = new Date(hub.createdAtMs(i)).toISOString();
      if (iso === HUB_PLACEHOLDER_CREATED_AT) placeholders++;
      const year = Number(iso.slice(0, 4));
      years.set(year, (years.get(year) ?? 0) + 1);
    }
    expect([...years.keys()].sort()).toEqual([2022, 2023, 2024, 2025, 2026]);
    expect(hub.record(0).createdAt).toBe(new Date(hub.createdAtMs(0)).toISOString());
    for (const count of years.values()) expect(count).toBeGreaterThan(N * 0.05);
    expect(placeholders).toBe(hub.shape().placeholderDates);
    expect(placeholders).toBeGreaterThan(0);
  });

  test("some cards still name a renamed parent by its old id, while tags name the current one", () => {
    const stale = edges.filter((e) => {
      if (e.parentIndex < 0 || hub.oldId(e.parentIndex) === null) return false;
      const base = hub.record(e.childIndex).cardData as { base_model?: string | string[] };
      const declared = ([] as string[]).concat(base.base_model ?? []);
      return declared.includes(hub.oldId(e.parentIndex)!);
    });
    expect(stale.length).toBeGreaterThan(0);
    for (const e of stale) expect(hub.record(e.childIndex).tags).toContain(`base_model:${e.parentId}`);
  });

  test("bad parameters are ReplayConfigErrors naming the option", () => {
    expect(() => createSyntheticHub({ models: 0 })).toThrow(ReplayConfigError);
    expect(() => createSyntheticHub({ models: 10, rootBias: 2 })).toThrow(
      expect.objectContaining({ option: "rootBias" }),
    );
    expect(() => createSyntheticHub({ models: 10, to: "2019-01-01" })).toThrow(
      expect.objectContaining({ option: "to" }),
    );
  });
});

// Drives the replay with the real @huggingface/hub client (and raw fetch) over a small synthetic Hub.
import { downloadFile, HubApiError, listModels, modelInfo } from "@huggingface/hub";
import type { Relation } from "../../lineage/types";
import { startHubReplay, type HubReplay } from "../../replay/hub-replay-server";
import { createSyntheticHub, type SyntheticEdge, type SyntheticHub } from "../../replay/synthetic-hub";

const hub: SyntheticHub = createSyntheticHub({ models: 8000, seed: 11 });
const edges: SyntheticEdge[] = [...hub.edges()];

function childrenOf(parentIndex: number): SyntheticEdge[] {
  return edges.filter((e) => e.parentIndex === parentIndex);
}

/** The model with the most children in the ground truth, and one renamed model. */
const counts = new Map<number, number>();
for (const e of edges) if (e.parentIndex >= 0) counts.set(e.parentIndex, (counts.get(e.parentIndex) ?? 0) + 1);
const [bigParent] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
const renamed = Array.from({ length: hub.size }, (_, i) => i).find((i) => hub.oldId(i) !== null)!;

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

async function pageThrough(url: string): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let pages = 0;
  let next: string | undefined = url;
  while (next) {
    const res: Response = await fetch(next);
    expect(res.status).toBe(200);
    ids.push(...((await res.json()) as { id: string }[]).map((m) => m.id));
    pages++;
    next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get("link") ?? "")?.[1];
  }
  return { ids, pages };
}

describe("startHubReplay", () => {
  let replay: HubReplay;
  beforeAll(async () => {
    replay = await startHubReplay({ store: hub });
  });
  afterAll(() => replay.close());
  beforeEach(() => replay.resetStats());

  test("listModels with a base_model tag yields exactly the direct children, across pages", async () => {
    const expected = childrenOf(bigParent)
      .map((e) => e.childId)
      .sort();
    expect(expected.length).toBeGreaterThan(500);
    const listed = await collect(
      listModels({
        search: { tags: [`base_model:${hub.id(bigParent)}`] },
        hubUrl: replay.url,
        additionalFields: ["tags", "createdAt"],
      }),
    );
    expect(listed.map((m) => m.name).sort()).toEqual(expected);
    expect(listed[0].id).toMatch(/^[0-9a-f]{24}$/);
    expect(listed.every((m) => m.tags.includes(`base_model:${hub.id(bigParent)}`))).toBe(true);
    expect(replay.stats().byRoute.list).toBe(Math.ceil(expected.length / 500));
  });

  test("repeated filters are an AND, and tags match case-insensitively", async () => {
    const parentId = hub.id(bigParent);
    const byRelation = (r: Relation) =>
      childrenOf(bigParent)
        .filter((e) => e.relation === r)
        .map((e) => e.childId)
        .sort();
    const adapters = await collect(
      listModels({
        search: { tags: [`BASE_MODEL:${parentId.toUpperCase()}`, `base_model:adapter:${parentId}`] },
        hubUrl: replay.url,
      }),
    );
    expect(adapters.map((m) => m.name).sort()).toEqual(byRelation("adapter"));
    const mitAdapters = await collect(
      listModels({
        search: { tags: [`base_model:adapter:${parentId}`, "license:mit"] },
        hubUrl: replay.url,
        additionalFields: ["tags"],
      }),
    );
    expect(mitAdapters.length).toBeGreaterThan(0);
    expect(mitAdapters.length).toBeLessThan(adapters.length);
    expect(mitAdapters.every((m) => m.tags.includes("license:mit"))).toBe(true);
  });

  test("a full sweep pages by absolute Link headers and lists every model once", async () => {
    const { ids, pages } = await pageThrough(`${replay.url}/api/models?limit=999&sort=createdAt`);
    expect(pages).toBe(Math.ceil(hub.size / 999));
    expect(new Set(ids).size).toBe(hub.size);
    const created = ids.map((id) => hub.createdAtMs((hub.lookup(id) as { index: number }).index));
    expect(created.every((t, k) => k === 0 || created[k - 1] >= t)).toBe(true);
  });

  test("cursors stay valid while models appear: no model is listed twice or skipped", async () => {
    const times = Array.from({ length: hub.size }, (_, i) => hub.createdAtMs(i)).sort((a, b) => a - b);
    replay.setCutoff(new Date(times[Math.floor(hub.size / 2)]));
    const before = (await pageThrough(`${replay.url}/api/models?limit=1000&sort=createdAt`)).ids;
    const first = await fetch(`${replay.url}/api/models?limit=300&sort=createdAt&expand=createdAt`);
    const ids = ((await first.json()) as { id: string }[]).map((m) => m.id);
    replay.setCutoff(null); // newer models appear; they sort before the cursor, so later pages are unaffected
    const rest = await pageThrough(/<([^>]+)>/.exec(first.headers.get("link")!)![1]);
    expect([...ids, ...rest.ids]).toEqual(before);
  });

  test("expand returns _id, id and exactly the listed properties; without it the Hub's listing fields", async () => {
    const res = await fetch(
      `${replay.url}/api/models?limit=3&expand=createdAt&expand[]=baseModels&filter=base_model:${hub.id(bigParent)}`,
    );
    for (const item of (await res.json()) as Record<string, unknown>[]) {
      expect(Object.keys(item)).toEqual(["_id", "id", "createdAt", "baseModels"]);
      expect((item.baseModels as { models: { id: string }[] }).models.map((m) => m.id)).toContain(hub.id(bigParent));
    }
    const plain = (await (await fetch(`${replay.url}/api/models?limit=1`)).json()) as Record<string, unknown>[];
    expect(Object.keys(plain[0])).toEqual([
      "_id",
      "id",
      "likes",
      "trendingScore",
      "private",
      "downloads",
      "tags",
      "pipeline_tag",
      "library_name",
      "createdAt",
      "modelId",
    ]);
    for (const bad of ["expand=nope", "expand=childrenModelCount"]) {
      const answer = await fetch(`${replay.url}/api/models?${bad}`);
      expect(answer.status).toBe(400);
      expect(typeof ((await answer.json()) as { error: unknown }).error).toBe("string");
    }
  });

  test("modelInfo gives childrenModelCount per relation (direct children) and baseModels", async () => {
    const info = await modelInfo({
      name: hub.id(bigParent),
      hubUrl: replay.url,
      additionalFields: ["childrenModelCount" as "author", "tags", "createdAt"],
    });
    const expected: Record<string, number> = { adapter: 0, merge: 0, quantized: 0, finetune: 0 };
    for (const e of childrenOf(bigParent)) expected[e.relation]++;
    expect((info as unknown as { childrenModelCount: unknown }).childrenModelCount).toEqual(expected);
    const merge = edges.find((e) => e.relation === "merge")!;
    const child = await fetch(`${replay.url}/api/models/${merge.childId}/revision/main?expand=baseModels`);
    const body = (await child.json()) as { baseModels: { relation: string; models: { id: string }[] } };
    expect(body.baseModels.relation).toBe("merge");
    const declared = edges
      .filter((e) => e.childIndex === merge.childIndex && e.parentIndex >= 0)
      .map((e) => e.parentId);
    expect(body.baseModels.models.map((m) => m.id)).toEqual(declared);
  });

  test("an old or differently-cased id answers 307 to the current id's same route; the client follows it", async () => {
    const oldId = hub.oldId(renamed)!;
    const raw = await fetch(`${replay.url}/api/models/${oldId}/revision/main?expand=author`, { redirect: "manual" });
    expect(raw.status).toBe(307);
    expect(raw.headers.get("location")).toBe(`/api/models/${hub.id(renamed)}/revision/main?expand=author`);
    const info = await modelInfo({ name: oldId, hubUrl: replay.url });
    expect(info.name).toBe(hub.id(renamed));
    const cased = await fetch(`${replay.url}/api/models/${hub.id(renamed).toUpperCase()}`, { redirect: "manual" });
    expect(cased.headers.get("location")).toBe(`/api/models/${hub.id(renamed)}`);
    const card = await downloadFile({ repo: oldId, path: "README.md", hubUrl: replay.url });
    expect(await card!.text()).toBe(hub.card(renamed));
    // raw, modelInfo, cased, downloadFile's probe; its GET then uses the URL the probe was redirected to.
    expect(replay.stats().byStatus["307"]).toBe(4);
  });

  test("a missing repo is 404 with X-Error-Code RepoNotFound and the Hub's JSON error body", async () => {
    const res = await fetch(`${replay.url}/api/models/nobody/nothing-here`);
    expect(res.status).toBe(404);
    expect(res.headers.get("x-error-code")).toBe("RepoNotFound");
    expect(await res.json()).toEqual({ error: "Repository not found" });
    await expect(modelInfo({ name: "nobody/nothing-here", hubUrl: replay.url })).rejects.toMatchObject({
      statusCode: 404,
    });
    const rev = await fetch(`${replay.url}/api/models/${hub.id(0)}/revision/no-such-branch`);
    expect([rev.status, rev.headers.get("x-error-code")]).toEqual([404, "RevisionNotFound"]);
    expect(await downloadFile({ repo: hub.id(0), path: "config.json", hubUrl: replay.url })).toBeNull();
  });

  test("README.md answers Range: bytes=0-0 with 206, Content-Range, ETag and X-Repo-Commit, then the full file", async () => {
    const probe = await fetch(`${replay.url}/${hub.id(5)}/resolve/main/README.md`, { headers: { Range: "bytes=0-0" } });
    const card = Buffer.from(hub.card(5)!, "utf8");
    expect(probe.status).toBe(206);
    expect(probe.headers.get("content-range")).toBe(`bytes 0-0/${card.length}`);
    expect(probe.headers.get("etag")).toMatch(/^"[0-9a-f]{40}"$/);
    expect(probe.headers.get("x-repo-commit")).toBe(hub.record(5).sha);
    expect(await probe.text()).toBe("-");
    const blob = await downloadFile({ repo: hub.id(5), path: "README.md", hubUrl: replay.url });
    expect(await blob!.text()).toBe(card.toString("utf8"));
    expect(replay.stats().byRoute.resolve).toBe(3);
  });

  test("a time cutoff hides later models from listings, info and children counts; the control route moves it", async () => {
    const kids = childrenOf(bigParent)
      .map((e) => hub.createdAtMs(e.childIndex))
      .sort((a, b) => a - b);
    const cutoff = new Date(kids[Math.floor(kids.length / 3)]).toISOString();
    const moved = await fetch(`${replay.url}/__replay/cutoff?at=${cutoff}`, { method: "POST" });
    expect(await moved.json()).toEqual({ cutoff });
    const visible = childrenOf(bigParent).filter((e) => hub.createdAtMs(e.childIndex) <= Date.parse(cutoff));
    const listed = await collect(
      listModels({ search: { tags: [`base_model:${hub.id(bigParent)}`] }, hubUrl: replay.url }),
    );
    expect(listed.map((m) => m.name).sort()).toEqual(visible.map((e) => e.childId).sort());
    const hidden = childrenOf(bigParent).find((e) => hub.createdAtMs(e.childIndex) > Date.parse(cutoff))!;
    expect((await fetch(`${replay.url}/api/models/${hidden.childId}`)).status).toBe(404);
    const info = await (await fetch(`${replay.url}/api/models/${hub.id(bigParent)}?expand=childrenModelCount`)).json();
    const total = Object.values((info as { childrenModelCount: Record<string, number> }).childrenModelCount).reduce(
      (a, b) => a + b,
    );
    expect(total).toBe(visible.length);
    replay.setCutoff(null);
    expect(replay.cutoff()).toBeNull();
    expect((await fetch(`${replay.url}/api/models/${hidden.childId}`)).status).toBe(200);
    expect(replay.stats().requests).toBe(3 + Math.ceil(visible.length / 500)); // control routes are not counted
  });

  test("a removed model answers 404 and leaves its parent's listing", async () => {
    const victim = childrenOf(bigParent)[0];
    expect(replay.removeModel(victim.childId)).toBe(true);
    expect((await fetch(`${replay.url}/api/models/${victim.childId}`)).status).toBe(404);
    const listed = await collect(
      listModels({ search: { tags: [`base_model:${hub.id(bigParent)}`] }, hubUrl: replay.url }),
    );
    expect(listed.map((m) => m.name)).not.toContain(victim.childId);
    expect(replay.removeModel("nobody/nothing")).toBe(false);
  });
});

describe("startHubReplay budgets", () => {
  test("beyond the budget: 429 with RateLimit, RateLimit-Policy and Retry-After on every other refusal, per window", async () => {
    let now = 1_000_000;
    const replay = await startHubReplay({
      store: hub,
      budget: { api: { requests: 3, windowSeconds: 60 }, resolvers: { requests: 1, windowSeconds: 60 } },
      now: () => now,
    });
    try {
      const statuses: number[] = [];
      for (let k = 0; k < 3; k++) statuses.push((await fetch(`${replay.url}/api/models?limit=1`)).status);
      now += 10_000;
      const refused = await fetch(`${replay.url}/api/models/${hub.id(0)}`);
      const refusedAgain = await fetch(`${replay.url}/api/models?limit=1`);
      expect(statuses).toEqual([200, 200, 200]);
      expect(refused.status).toBe(429);
      expect(refused.headers.get("ratelimit")).toBe('"api";r=0;t=50');
      expect(refused.headers.get("ratelimit-policy")).toBe('"fixed window";"api";q=3;w=60');
      expect(refused.headers.get("retry-after")).toBe("50");
      expect(refusedAgain.headers.get("retry-after")).toBeNull();
      await expect(collect(listModels({ hubUrl: replay.url, limit: 1 }))).rejects.toBeInstanceOf(HubApiError);
      // The resolvers bucket is separate from the API one.
      expect((await fetch(`${replay.url}/${hub.id(0)}/resolve/main/README.md`)).status).toBe(200);
      expect((await fetch(`${replay.url}/${hub.id(0)}/resolve/main/README.md`)).status).toBe(429);
      now += 50_000;
      const fresh = await fetch(`${replay.url}/api/models?limit=1`);
      expect([fresh.status, fresh.headers.get("ratelimit")]).toEqual([200, '"api";r=2;t=60']);
      expect(replay.stats().rateLimited).toBe(4);
    } finally {
      await replay.close();
    }
  });
});

describe("startHubReplay faults", () => {
  test("a share of 5xx, seeded: the same share every run", async () => {
    const run = async (): Promise<number[]> => {
      const replay = await startHubReplay({ store: hub, faults: { serverErrorRate: 0.3, seed: 4 } });
      try {
        const statuses: number[] = [];
        for (let k = 0; k < 40; k++) statuses.push((await fetch(`${replay.url}/api/models?limit=1`)).status);
        expect(replay.stats().injected.serverError).toBe(statuses.filter((s) => s >= 500).length);
        return statuses;
      } finally {
        await replay.close();
      }
    };
    const first = await run();
    expect(first.filter((s) => s >= 500).length).toBeGreaterThan(3);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(20);
    expect(await run()).toEqual(first);
  });

  test("hangs never answer, truncated bodies fail to parse, delays delay, and routes scope the faults", async () => {
    const replay = await startHubReplay({ store: hub, faults: { hangRate: 1, routes: ["info"] } });
    try {
      await expect(
        fetch(`${replay.url}/api/models/${hub.id(0)}`, { signal: AbortSignal.timeout(300) }),
      ).rejects.toThrow();
      expect((await fetch(`${replay.url}/api/models?limit=1`)).status).toBe(200);
      replay.setFaults({ truncateRate: 1 });
      const cut = await fetch(`${replay.url}/api/models?limit=50`);
      await expect(cut.json()).rejects.toThrow();
      replay.setFaults({ delayMs: 150 });
      const started = Date.now();
      expect((await fetch(`${replay.url}/api/models?limit=1`)).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      expect(replay.stats().injected).toEqual({ serverError: 0, hang: 1, truncate: 1 });
    } finally {
      await replay.close();
      await replay.close();
    }
  });

  test("with linkLoop the last page links back to the first", async () => {
    const replay = await startHubReplay({ store: hub, faults: { linkLoop: true } });
    try {
      const parent = hub.id(bigParent);
      const normal = (url: string): string => new URL(url).searchParams.toString();
      let url = `${replay.url}/api/models?limit=400&filter=base_model:${parent}`;
      const seen: string[] = [];
      for (let k = 0; k < 10 && !seen.includes(normal(url)); k++) {
        seen.push(normal(url));
        url = /<([^>]+)>/.exec((await fetch(url)).headers.get("link")!)![1];
      }
      expect(normal(url)).toBe(seen[0]);
      expect(seen.length).toBe(Math.ceil(childrenOf(bigParent).length / 400));
    } finally {
      await replay.close();
    }
  });
});

describe("startHubReplay options", () => {
  test("configured renames redirect; anonymous-style 401 for missing repos; bad options are typed errors", async () => {
    const replay = await startHubReplay({
      store: hub,
      renames: { "old-org/old-name": hub.id(3) },
      missingRepoStatus: 401,
    });
    try {
      expect((await modelInfo({ name: "old-org/old-name", hubUrl: replay.url })).name).toBe(hub.id(3));
      const missing = await fetch(`${replay.url}/api/models/nobody/nothing`);
      expect([missing.status, missing.headers.get("x-error-code")]).toEqual([401, null]);
    } finally {
      await replay.close();
    }
    await expect(startHubReplay({ store: hub, renames: { a: "nobody/nothing" } })).rejects.toMatchObject({
      name: "ReplayConfigError",
    });
    await expect(startHubReplay({ store: hub, cutoff: "not a date" })).rejects.toMatchObject({ option: "cutoff" });
    await expect(startHubReplay({})).rejects.toMatchObject({ name: "ReplayConfigError" });
    await expect(startHubReplay({ store: hub, faults: { serverErrorRate: 2 } })).rejects.toMatchObject({
      option: "faults.serverErrorRate",
    });
  });
});

// The replay of ../shared/hub-data: served records against the raw files, and the eleven roots' ground truth.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { downloadFile, listModels, modelInfo } from "@huggingface/hub";
import { describeWithHubData, HUB_DATA } from "../helpers/hub-data";
import { startHubReplay, type HubReplay } from "../../replay/hub-replay-server";
import { computeLineageGroundTruth } from "../../replay/lineage-ground-truth";
import { loadHubData, mergeEntries } from "../../replay/load-hub-data";

const GRAPH_ROOT = "HuggingFaceTB/SmolLM2-1.7B";

interface RawTreeNode {
  model_id: string;
  metadata: string;
  card?: string | null;
}

/** Straight from the files, without the replay's code: tree records (metadata JSON) and graph edges. */
function readRaw(): {
  treeNodes: RawTreeNode[];
  treeRoots: string[];
  graph: { nodes: { id: string }[]; edges: { source: string; target: string; type: string }[] };
} {
  const dir = join(HUB_DATA, "trees");
  const trees = readdirSync(dir)
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as { models: RawTreeNode[] });
  return {
    treeNodes: trees.flatMap((t) => t.models),
    treeRoots: trees.map((t) => t.models[0].model_id),
    graph: JSON.parse(readFileSync(join(HUB_DATA, "graphs/smollm2-family.json"), "utf8")),
  };
}

async function sweep(replay: HubReplay): Promise<{ id: string; tags: string[] }[]> {
  const all: { id: string; tags: string[] }[] = [];
  for await (const m of listModels({ hubUrl: replay.url, additionalFields: ["tags"] }))
    all.push({ id: m.name, tags: m.tags });
  return all;
}

describe("mergeEntries", () => {
  test("the primary record wins key by key; lineage tags only the secondary has are added", () => {
    const merged = mergeEntries(
      { record: { _id: "1", id: "a/b", likes: 5, tags: ["x", "base_model:p/q"] }, card: null },
      {
        record: { _id: "2", id: "a/b", likes: 1, sha: "s", tags: ["y", "base_model:P/Q", "base_model:r/s"] },
        card: "card",
      },
    );
    expect(merged.record).toEqual({
      _id: "1",
      id: "a/b",
      likes: 5,
      tags: ["x", "base_model:p/q", "base_model:r/s"],
      sha: "s",
    });
    expect(merged.card).toBe("card");
  });
});

describeWithHubData("loadHubData on ../shared/hub-data", () => {
  const raw = readRaw();
  const data = loadHubData(HUB_DATA);
  let replay: HubReplay;
  beforeAll(async () => {
    replay = await startHubReplay({ store: data.store });
  });
  afterAll(() => replay.close());

  test("serves every recorded tree node and graph node once; N/A tree nodes are reported, not served", async () => {
    const served = await sweep(replay);
    const servedIds = new Set(served.map((m) => m.id));
    const recorded = raw.treeNodes.filter((n) => n.metadata !== "N/A").map((n) => JSON.parse(n.metadata).id as string);
    for (const id of [...recorded, ...raw.graph.nodes.map((n) => n.id)]) expect(servedIds).toContain(id);
    expect(served.length).toBe(servedIds.size);
    const unrecorded = raw.treeNodes.filter((n) => n.metadata === "N/A");
    expect(data.summary.unrecorded.length).toBe(unrecorded.length);
    for (const id of data.summary.unrecorded) expect(servedIds).not.toContain(id);
  });

  test("the eleven roots' ground truth from served tags equals the one from the raw files, per relation", async () => {
    const roots = [...raw.treeRoots, GRAPH_ROOT];
    const fromRaw = computeLineageGroundTruth(
      [
        ...raw.treeNodes
          .filter((n) => n.metadata !== "N/A")
          .map((n) => JSON.parse(n.metadata) as { id: string; tags: string[] }),
        ...raw.graph.nodes.map((node) => ({
          id: node.id,
          tags: raw.graph.edges
            .filter((e) => e.target === node.id)
            .flatMap((e) => [`base_model:${e.source}`, `base_model:${e.type}:${e.source}`]),
        })),
      ],
      roots,
    );
    const fromServed = computeLineageGroundTruth(await sweep(replay), roots);
    expect(fromServed.byRelation).toEqual(fromRaw.byRelation);
    expect(fromServed.models).toEqual(fromRaw.models);
    expect(fromServed.edges.length).toBe(Object.values(fromRaw.byRelation).reduce((a, b) => a + b));
  });

  test("a breadth-first walk of children listings from the roots finds every ground-truth edge", async () => {
    const roots = [...raw.treeRoots, GRAPH_ROOT];
    const truth = computeLineageGroundTruth(await sweep(replay), roots);
    const found = new Set<string>();
    const queue = [...roots];
    const seen = new Set(queue.map((r) => r.toLowerCase()));
    while (queue.length) {
      const parent = queue.shift()!;
      for await (const child of listModels({
        search: { tags: [`base_model:${parent}`] },
        hubUrl: replay.url,
        additionalFields: ["tags"],
      })) {
        for (const tag of child.tags) {
          const typed = /^base_model:(finetune|adapter|quantized|merge):(.+)$/.exec(tag);
          if (typed) found.add(`${typed[2]} ${child.name} ${typed[1]}`);
        }
        if (!seen.has(child.name.toLowerCase())) {
          seen.add(child.name.toLowerCase());
          queue.push(child.name);
        }
      }
    }
    expect([...found].sort()).toEqual(truth.edges.map((e) => `${e.parent} ${e.child} ${e.relation}`).sort());
  });

  test("tree records come back in the Hub's JSON shape, with their card as README.md", async () => {
    const node = raw.treeNodes.find(
      (n) => n.metadata !== "N/A" && typeof n.card === "string" && n.card.startsWith("---"),
    )!;
    const meta = JSON.parse(node.metadata);
    const res = await fetch(`${replay.url}/api/models/${meta.id}`);
    const record = (await res.json()) as Record<string, unknown>;
    expect(record._id).toBe(meta._id);
    expect(record.createdAt).toBe(new Date(meta.created_at.replace(" ", "T")).toISOString());
    expect(record.siblings).toEqual(expect.arrayContaining([{ rfilename: "README.md" }]));
    expect(typeof record.cardData).toBe("object");
    const card = await downloadFile({ repo: meta.id, path: "README.md", hubUrl: replay.url });
    expect(await card!.text()).toBe(node.card);
  });

  test("a case study (skt/A.X-4.0) is a model whose lineage is only in its card", async () => {
    expect(data.summary.fromCaseStudies).toBe(1);
    const record = (await (await fetch(`${replay.url}/api/models/skt/A.X-4.0`)).json()) as {
      id: string;
      tags: string[];
    };
    expect(record.id).toBe("skt/A.X-4.0");
    expect(record.tags.filter((tag) => tag.startsWith("base_model:"))).toEqual([]);
    const card = await downloadFile({ repo: "skt/A.X-4.0", path: "README.md", hubUrl: replay.url });
    expect(await card!.text()).toBe(readFileSync(join(HUB_DATA, "case-studies/skt_A.X-4.0.md"), "utf8"));
  });

  test("the recorded 307 of bert-base-uncased is replayed", async () => {
    const raw307 = await fetch(`${replay.url}/api/models/bert-base-uncased`, { redirect: "manual" });
    expect([raw307.status, raw307.headers.get("location")]).toEqual([307, "/api/models/google-bert/bert-base-uncased"]);
    expect((await modelInfo({ name: "bert-base-uncased", hubUrl: replay.url })).name).toBe(
      "google-bert/bert-base-uncased",
    );
  });

  test("the graph's typed edges become the Hub's tag pairs and childrenModelCount", async () => {
    const res = await fetch(`${replay.url}/api/models/${GRAPH_ROOT}?expand=childrenModelCount`);
    const counts = ((await res.json()) as { childrenModelCount: Record<string, number> }).childrenModelCount;
    const expected: Record<string, number> = { adapter: 0, merge: 0, quantized: 0, finetune: 0 };
    for (const e of raw.graph.edges) if (e.source === GRAPH_ROOT) expected[e.type]++;
    expect(counts).toEqual(expected);
  });
});

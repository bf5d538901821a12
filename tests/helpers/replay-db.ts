// Fills a scratch database from the recorded Hub data the way the crawler stores records: parseHubRecord, then
// upsertModels + setParents + rebuildDescendantCounts. Also hands the raw records to tests, for expectations
// computed independently of the database.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseHubRecord } from "../../crawler/hub/parse-hub-record";
import { rebuildDescendantCounts } from "../../db/counts/descendant-counts";
import { setParents } from "../../db/edges";
import { upsertModels } from "../../db/models";
import { openDatabase, type Db } from "../../db/open-database";
import type { EdgeSource, ModelFields, ParentLink } from "../../lineage/types";
import { HUB_DATA } from "./hub-data";

/** A Hub model record as the API serves it (only the fields these tests read are typed). */
export interface RawRecord {
  id: string;
  tags: string[];
  createdAt?: string;
  created_at?: string;
  [key: string]: unknown;
}

export const SMOLLM2_ROOT = "HuggingFaceTB/SmolLM2-1.7B";

/** The records inside trees/*.json (`metadata` is a JSON string; "N/A" where the original crawl failed). */
export function loadTreeRecords(): RawRecord[] {
  const dir = join(HUB_DATA, "trees");
  const records: RawRecord[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const tree = JSON.parse(readFileSync(join(dir, file), "utf8")) as { models: { metadata: string }[] };
    for (const node of tree.models) if (node.metadata !== "N/A") records.push(JSON.parse(node.metadata) as RawRecord);
  }
  return records;
}

interface SmolGraph {
  nodes: {
    id: string;
    likes: number | null;
    downloads: number | null;
    createdAt: string | null;
    pipeline_tag: string | null;
    library_name: string | null;
  }[];
  edges: { source: string; target: string; type: string }[];
}

/**
 * graphs/smollm2-family.json as Hub records: each node becomes a record whose tags carry its parents the way
 * the Hub writes them (`base_model:<id>` and `base_model:<relation>:<id>`).
 */
export function loadSmolRecords(): RawRecord[] {
  const graph = JSON.parse(readFileSync(join(HUB_DATA, "graphs/smollm2-family.json"), "utf8")) as SmolGraph;
  const tags = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const list = tags.get(edge.target) ?? [];
    list.push(`base_model:${edge.source}`, `base_model:${edge.type}:${edge.source}`);
    tags.set(edge.target, list);
  }
  return graph.nodes.map((node, i) => ({
    _id: `smol${i}`,
    id: node.id,
    author: node.id.split("/")[0],
    createdAt: node.createdAt ?? undefined,
    downloads: node.downloads,
    likes: node.likes,
    pipeline_tag: node.pipeline_tag,
    library_name: node.library_name,
    tags: tags.get(node.id) ?? [],
  }));
}

export function loadReplayRecords(): RawRecord[] {
  return [...loadTreeRecords(), ...loadSmolRecords()];
}

/** A fresh in-memory database holding `records`, stored as the crawler stores them, with counts rebuilt. */
export function buildReplayDb(records: RawRecord[], now = "2025-08-01T00:00:00.000Z"): Db {
  const db = openDatabase(":memory:");
  const parsed = records.map((record) => parseHubRecord(record));
  upsertModels(
    db,
    parsed.flatMap((p) => (p.model ? [{ ...(p.model as ModelFields), newVersion: p.newVersion }] : [])),
    now,
  );
  for (const { model, parents } of parsed) {
    if (!model) continue;
    const bySource = new Map<EdgeSource, ParentLink[]>();
    for (const link of parents) bySource.set(link.source, [...(bySource.get(link.source) ?? []), link]);
    for (const [source, links] of bySource) setParents(db, model.id, source, links, now);
  }
  rebuildDescendantCounts(db);
  return db;
}

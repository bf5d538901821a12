// Loads ../shared/hub-data (trees, the SmolLM2 typed-edge graph, the API cassettes) into one replayable HubStore.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildGraphEntries } from "./build-graph-entries";
import { caseStudyEntries } from "./case-study-entries";
import { convertTreeMetadata } from "./convert-tree-metadata";
import type { HubStore } from "./hub-store";
import { parseCassette } from "./parse-cassette";
import { createRecordStore, type StoredEntry } from "./record-store";
import { HubDataError } from "./replay-errors";

export const GRAPH_FILE = "graphs/smollm2-family.json";

export interface HubDataSummary {
  models: number;
  fromTrees: number;
  fromGraph: number;
  fromCassettes: number;
  /** Cards of case-studies/ served as models (see caseStudyEntries). */
  fromCaseStudies: number;
  /** Ids found more than once across the sources, served as one merged record (see mergeEntries). */
  merged: string[];
  /**
   * Tree nodes whose `metadata` is "N/A" (the original crawl failed on them, mostly ids containing a dot). They are
   * NOT served: there is no record to replay, and inventing one would put made-up tags into the ground truth.
   */
  unrecorded: string[];
  renames: [string, string][];
}

export interface HubData {
  store: HubStore;
  summary: HubDataSummary;
}

interface TreeNode {
  model_id?: unknown;
  metadata?: unknown;
  card?: unknown;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new HubDataError(file, `cannot read JSON: ${(err as Error).message}`);
  }
}

function listFiles(dir: string, suffix: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith(suffix))
      .sort()
      .map((f) => join(dir, f));
  } catch (err) {
    throw new HubDataError(dir, `cannot list the folder: ${(err as Error).message}`);
  }
}

function treeEntries(file: string, unrecorded: string[]): StoredEntry[] {
  const tree = readJson(file) as { models?: TreeNode[] };
  if (!tree || !Array.isArray(tree.models)) throw new HubDataError(file, "expected {models: [...]}");
  const entries: StoredEntry[] = [];
  for (const node of tree.models) {
    if (node.metadata === "N/A" || typeof node.metadata !== "string") {
      unrecorded.push(String(node.model_id).replace(/^https:\/\/huggingface\.co\//, ""));
      continue;
    }
    let meta: unknown;
    try {
      meta = JSON.parse(node.metadata);
    } catch {
      throw new HubDataError(file, `metadata of ${String(node.model_id)} is not JSON`);
    }
    const record = convertTreeMetadata(meta, `${file} (${String(node.model_id)})`);
    entries.push({ record, card: typeof node.card === "string" && node.card !== "N/A" ? node.card : null });
  }
  return entries;
}

/**
 * `primary` is the richer, preferred snapshot: its values win key by key and keep their order; keys only `secondary`
 * has are appended. Tags are the primary's plus any lineage tag only the secondary has.
 */
export function mergeEntries(primary: StoredEntry, secondary: StoredEntry): StoredEntry {
  const record = { ...primary.record };
  for (const [key, value] of Object.entries(secondary.record)) if (!(key in record)) record[key] = value;
  const tags = Array.isArray(primary.record.tags) ? [...(primary.record.tags as string[])] : [];
  const seen = new Set(tags.map((t) => t.toLowerCase()));
  for (const tag of Array.isArray(secondary.record.tags) ? (secondary.record.tags as string[]) : []) {
    if (tag.startsWith("base_model:") && !seen.has(tag.toLowerCase())) tags.push(tag);
  }
  record.tags = tags;
  return { record, card: primary.card ?? secondary.card };
}

/**
 * Sources in order of preference: trees (full records, Apr 2025), cassettes (full records, Jan 2025), the graph
 * (rebuilt records), case-studies/ (cards served as models). A model found more than once is merged with mergeEntries.
 * Renames are the cassettes' real 307s.
 */
export function loadHubData(dir: string): HubData {
  const unrecorded: string[] = [];
  const trees = listFiles(join(dir, "trees"), ".json").flatMap((file) => treeEntries(file, unrecorded));
  const graph = buildGraphEntries(readJson(join(dir, GRAPH_FILE)), join(dir, GRAPH_FILE));
  const cassettes = listFiles(join(dir, "api-responses"), ".yaml").map((file) =>
    parseCassette(readFileSync(file, "utf8"), file),
  );
  const cassetteEntries = cassettes.flatMap((c) => c.records.map((record) => ({ record, card: null })));

  const caseStudies = caseStudyEntries(dir);
  const byId = new Map<string, StoredEntry>();
  const merged = new Set<string>();
  for (const entry of [...trees, ...cassetteEntries, ...graph, ...caseStudies]) {
    const key = entry.record.id.toLowerCase();
    const known = byId.get(key);
    if (known) merged.add(known.record.id);
    byId.set(key, known ? mergeEntries(known, entry) : entry);
  }
  const allRenames = new Map<string, string>();
  for (const c of cassettes) for (const [from, to] of c.renames) allRenames.set(from, to);
  const entries = [...byId.values()];
  return {
    store: createRecordStore(entries, allRenames, dir),
    summary: {
      models: entries.length,
      fromTrees: trees.length,
      fromGraph: graph.length,
      fromCassettes: new Set(cassetteEntries.map((e) => e.record.id)).size,
      fromCaseStudies: caseStudies.length,
      merged: [...merged],
      unrecorded,
      renames: [...allRenames],
    },
  };
}

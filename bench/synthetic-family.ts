// A reproducible synthetic model family in the shape of Qwen's on the Hub (issue 11): about 60% direct children,
// up to 13 generations, heavy-tailed sub-families, ~13k authors per 150k models; and its writing into a database.
import { rebuildDescendantCounts } from "../db/counts/descendant-counts";
import { setParents } from "../db/edges";
import { type ModelInput, upsertModels } from "../db/models";
import type { Db } from "../db/open-database";
import type { Relation } from "../lineage/types";
import { createRandom } from "../replay/prng";

export interface SyntheticFamily {
  /** Model 0 is the base; every other model has one parent (by number). */
  ids: string[];
  parent: Int32Array;
  generation: Uint8Array;
  relation: (Relation | null)[];
  downloads: number[];
  likes: number[];
  createdAt: string[];
}

const MAX_GENERATION = 13;
const DIRECT_SHARE = 0.6;
const AUTHORS_PER_MODEL = 13_000 / 150_000;
const FIRST_CREATED = Date.UTC(2024, 8, 19);
const LAST_CREATED = Date.UTC(2026, 10, 30);

function pickRelation(random: () => number, generation: number): Relation {
  const r = random();
  if (generation === 1) {
    if (r < 0.3) return "quantized";
    if (r < 0.6) return "adapter";
    if (r < 0.95) return "finetune";
    return "merge";
  }
  if (r < 0.35) return "quantized";
  if (r < 0.55) return "adapter";
  if (r < 0.9) return "finetune";
  return "merge";
}

/**
 * A family of `derivatives` models below `root`. A derivative hangs from the base with probability 0.6, else from
 * a model drawn in proportion to its tickets: a fine-tune or merge gets two when created and three more per child,
 * so a few sub-families grow large (as real ones grow around popular fine-tunes).
 */
export function createSyntheticFamily(root: string, derivatives: number, seed = 42): SyntheticFamily {
  const random = createRandom(seed);
  const size = derivatives + 1;
  const authors = Math.max(10, Math.round(derivatives * AUTHORS_PER_MODEL));
  const family: SyntheticFamily = {
    ids: [root],
    parent: new Int32Array(size).fill(-1),
    generation: new Uint8Array(size),
    relation: [null],
    downloads: [Math.round(10 ** 7 * (1 + random()))],
    likes: [Math.round(10 ** 3 * (1 + random()))],
    createdAt: [new Date(FIRST_CREATED).toISOString()],
  };
  const tickets: number[] = [];
  for (let i = 1; i < size; i++) {
    let parent = 0;
    if (tickets.length > 0 && random() >= DIRECT_SHARE) {
      parent = tickets[Math.floor(random() * tickets.length)];
      if (family.generation[parent] >= MAX_GENERATION) parent = 0;
    }
    const generation = family.generation[parent] + 1;
    const relation =
      parent > 0 && family.relation[parent] === "quantized" ? "quantized" : pickRelation(random, generation);
    // Authors are Zipf-like: a few publish many derivatives.
    const author = Math.floor(authors * random() ** 2);
    family.ids.push(`author-${author}/m${i}-${relation}`);
    family.parent[i] = parent;
    family.generation[i] = generation;
    family.relation.push(relation);
    family.downloads.push(Math.floor(10 ** (random() * 6 - (generation > 1 ? 1 : 0))));
    family.likes.push(Math.floor(10 ** (random() * 3)) - 1);
    family.createdAt.push(new Date(FIRST_CREATED + ((LAST_CREATED - FIRST_CREATED) * i) / size).toISOString());
    if (parent > 0) tickets.push(parent, parent, parent);
    if (relation === "finetune" || relation === "merge") tickets.push(i, i);
  }
  return family;
}

/** A synthetic model's stored record: a text-generation transformers model under apache-2.0 by its id's owner. */
export function syntheticModel(id: string, createdAt: string, downloads: number, likes: number): ModelInput {
  return {
    id,
    author: id.split("/")[0],
    createdAt,
    lastModified: null,
    downloads,
    likes,
    pipelineTag: "text-generation",
    libraryName: "transformers",
    license: "apache-2.0",
    gated: null,
    private: false,
    sha: null,
  };
}

/** Stores the family's models and tag links in `db` (one transaction) and rebuilds the descendant counts. */
export function writeSyntheticFamily(db: Db, family: SyntheticFamily, now: string): void {
  db.transaction(() => {
    upsertModels(
      db,
      family.ids.map((id, i) => syntheticModel(id, family.createdAt[i], family.downloads[i], family.likes[i])),
      now,
    );
    for (let i = 1; i < family.ids.length; i++) {
      const link = {
        id: family.ids[family.parent[i]],
        relation: family.relation[i],
        source: "tag" as const,
        confidence: 1,
      };
      setParents(db, family.ids[i], "tag", [link], now);
    }
  })();
  rebuildDescendantCounts(db);
}

/** Licences a synthetic derivative may change to: every family, `other` too. */
const OTHER_LICENSES = ["mit", "llama3", "cc-by-nc-4.0", "gpl-3.0", "other"];

/**
 * Licences that change along `family` (stored in `db`): apache-2.0 at the base, each derivative its parent's but one
 * in 20 another (a licence change, `may-conflict` below a restricted one).
 */
export function licenseSyntheticFamily(db: Db, family: SyntheticFamily, now: string): void {
  const random = createRandom(7);
  const licenses = ["apache-2.0"];
  for (let i = 1; i < family.ids.length; i++)
    licenses.push(
      random() < 0.05 ? OTHER_LICENSES[Math.floor(random() * OTHER_LICENSES.length)] : licenses[family.parent[i]],
    );
  const models = family.ids.map((id, i) => ({
    ...syntheticModel(id, family.createdAt[i], family.downloads[i], family.likes[i]),
    license: licenses[i],
  }));
  upsertModels(db, models, now);
}

// A seeded, deterministic synthetic Hub of any size (millions of models): typed arrays, records built lazily.
import type { Relation } from "../lineage/types";
import { buildBaseModelTags } from "./base-model-tags";
import { composeCard } from "./compose-card";
import { generateSyntheticLineage } from "./generate-synthetic-lineage";
import {
  SORT_EPOCH_MS,
  SORT_KEY_LIMIT,
  type DeclaredParent,
  type HubStore,
  type IdLookup,
  type NumericSortField,
  type WireModel,
} from "./hub-store";
import { hash32, hashHex40, hashUnit } from "./prng";
import {
  ADAPTER,
  FINETUNE,
  MERGE,
  NONE,
  ORGS,
  PLACEHOLDER,
  QUANTIZED,
  RELATION_NAMES,
  RENAMED,
  SIZES,
  STALE_CARD,
  STEMS,
  SUFFIXES,
  USER_PREFIXES,
  WORDS,
} from "./synthetic-vocabulary";
import { type SyntheticHubParams, validateSyntheticParams } from "./validate-synthetic-params";

export interface SyntheticEdge {
  /** The parent id the child's tags declare (canonical, or a deleted repo's id when dangling). */
  parentId: string;
  /** -1 when dangling. */
  parentIndex: number;
  childIndex: number;
  childId: string;
  relation: Relation;
}

export interface SyntheticShape {
  models: number;
  standalone: number;
  families: number;
  largestFamilies: { id: string; size: number }[];
  maxDepth: number;
  edges: number;
  edgesByRelation: Record<Relation, number>;
  mergeParents: { min: number; max: number };
  renamed: number;
  cycles: number;
  danglingEdges: number;
  placeholderDates: number;
}

export interface SyntheticHub extends HubStore {
  readonly params: SyntheticHubParams;
  /** The ground truth: every lineage edge the served tags declare, child by child. */
  edges(): Generator<SyntheticEdge>;
  /** The old id of a renamed model, else null. */
  oldId(index: number): string | null;
  shape(): SyntheticShape;
}

export function createSyntheticHub(input: Partial<SyntheticHubParams> & { models: number }): SyntheticHub {
  const params = validateSyntheticParams(input);
  const seed = params.seed;
  const n = params.models;
  const lineage = generateSyntheticLineage(params);
  const { standaloneCount, familyCount, authorCount, cycles, danglingCount } = lineage.counts;
  const { parent, family, author, created, modified, rel, depth, flags } = lineage.models;
  const { sizes, familyStart } = lineage.families;
  const { extraChild, extraRef, extraOffset, extraList, childOffset, childList } = lineage.links;

  // Names. Every id ends with "-<index in base 36>" so a lookup needs no table: parse, rebuild, compare.
  const authorName = (a: number): string =>
    a < ORGS.length ? ORGS[a] : `${USER_PREFIXES[hash32(seed, a, 1) % USER_PREFIXES.length]}${a.toString(36)}`;
  const namePart = (i: number): string => {
    const tail = i.toString(36);
    if (family[i] < 0) return `${WORDS[hash32(seed, i, 2) % WORDS.length]}-${tail}`;
    const f = family[i];
    const size = SIZES[hash32(seed, f, 3) % SIZES.length];
    const stem = `${STEMS[f % STEMS.length]}${Math.floor(f / STEMS.length) + 1}-${size}`;
    if (parent[i] < 0) return `${stem}-${tail}`;
    const suffixes = SUFFIXES[rel[i] === NONE ? FINETUNE : rel[i]];
    return `${stem}-${suffixes[hash32(seed, i, 4) % suffixes.length]}-${tail}`;
  };
  const id = (i: number): string => `${authorName(author[i])}/${namePart(i)}`;
  const oldId = (i: number): string | null => {
    if (!(flags[i] & RENAMED)) return null;
    const previous = (author[i] + 1 + (hash32(seed, i, 5) % (authorCount - 1))) % authorCount;
    return `${authorName(previous)}/${namePart(i)}`;
  };
  const ghostId = (k: number): string =>
    `${authorName(hash32(seed, k, 6) % authorCount)}/${WORDS[k % WORDS.length]}-removed-${k.toString(36)}`;
  const ghostChildren = new Map<string, number[]>();
  extraRef.forEach((ref, k) => {
    if (ref >= 0) return;
    const key = ghostId(-ref - 1).toLowerCase();
    ghostChildren.set(key, [...(ghostChildren.get(key) ?? []), extraChild[k]]);
  });

  const lookup = (query: string): IdLookup => {
    const lower = query.toLowerCase();
    const tail = lower.slice(lower.lastIndexOf("-") + 1);
    if (!/^[0-9a-z]{1,5}$/.test(tail)) return null;
    const i = parseInt(tail, 36);
    if (i >= n) return null;
    if (id(i).toLowerCase() === lower) return { kind: "model", index: i };
    return oldId(i)?.toLowerCase() === lower ? { kind: "renamed", index: i } : null;
  };
  const declaredParents = (i: number): DeclaredParent[] => {
    const list: DeclaredParent[] = parent[i] >= 0 ? [{ id: id(parent[i]), index: parent[i] }] : [];
    for (let k = extraOffset[i]; k < extraOffset[i + 1]; k++) {
      const ref = extraList[k];
      list.push(ref >= 0 ? { id: id(ref), index: ref } : { id: ghostId(-ref - 1), index: -1 });
    }
    return list;
  };
  const downloads = (i: number): number => {
    const base = Math.floor(10 ** (hashUnit(seed, i, 8) * 4.5)) - 1;
    return Math.min(SORT_KEY_LIMIT - 1, parent[i] < 0 && family[i] >= 0 ? base * 40 + 1000 : base);
  };
  const likes = (i: number): number => Math.floor(Math.sqrt(downloads(i)) * hashUnit(seed, i, 9));
  const libraryName = (i: number): string | undefined =>
    rel[i] === ADAPTER ? "peft" : rel[i] === QUANTIZED ? undefined : "transformers";
  const tags = (i: number): string[] => {
    const relation = RELATION_NAMES[rel[i]];
    const kind =
      rel[i] === ADAPTER
        ? ["peft", "safetensors"]
        : rel[i] === QUANTIZED
          ? ["gguf"]
          : rel[i] === MERGE
            ? ["transformers", "safetensors", "mergekit", "merge"]
            : ["transformers", "safetensors"];
    const lineage = relation ? buildBaseModelTags(declaredParents(i).map((p) => ({ id: p.id, relation }))) : [];
    const license = hash32(seed, i, 10) % 3 === 0 ? "license:mit" : "license:apache-2.0";
    return [...kind, "text-generation", ...lineage, license, "endpoints_compatible", "region:us"];
  };
  const cardData = (i: number): Record<string, unknown> => {
    const declared = declaredParents(i).map((p, k) =>
      k === 0 && flags[i] & STALE_CARD ? (oldId(p.index) ?? p.id) : p.id,
    );
    const data: Record<string, unknown> = {};
    if (declared.length) data.base_model = declared.length === 1 ? declared[0] : declared;
    if (RELATION_NAMES[rel[i]]) data.base_model_relation = RELATION_NAMES[rel[i]];
    const library = libraryName(i);
    if (library) data.library_name = library;
    data.license = hash32(seed, i, 10) % 3 === 0 ? "mit" : "apache-2.0";
    return data;
  };
  const isoOf = (seconds: number): string => new Date(SORT_EPOCH_MS + seconds * 1000).toISOString();

  const store: SyntheticHub = {
    params,
    size: n,
    id,
    oldId,
    lookup,
    createdAtMs: (i) => SORT_EPOCH_MS + created[i] * 1000,
    sortKey(field: NumericSortField, i) {
      if (field === "createdAt") return created[i];
      if (field === "lastModified") return modified[i];
      if (field === "downloads") return downloads(i);
      if (field === "likes") return likes(i);
      return 0;
    },
    authorKey: (i) => author[i],
    findAuthorKey(name) {
      const lower = name.toLowerCase();
      const org = ORGS.findIndex((o) => o.toLowerCase() === lower);
      if (org >= 0) return org;
      for (const prefix of USER_PREFIXES) {
        const rest = lower.slice(prefix.length);
        if (!lower.startsWith(prefix.toLowerCase()) || !/^[0-9a-z]{1,6}$/.test(rest)) continue;
        const a = parseInt(rest, 36);
        if (a < authorCount && authorName(a).toLowerCase() === lower) return a;
      }
      return -1;
    },
    hasTag(i, tagLower) {
      if (!tagLower.startsWith("base_model:")) return tags(i).some((t) => t.toLowerCase() === tagLower);
      // Lineage tags are checked against the declared parents directly: listings filter on them all the time.
      const relation = RELATION_NAMES[rel[i]];
      const rest = tagLower.slice("base_model:".length);
      const colon = rest.indexOf(":");
      if (colon !== -1 && rest.slice(0, colon) !== relation) return false;
      const parentId = colon === -1 ? rest : rest.slice(colon + 1);
      return relation !== null && declaredParents(i).some((p) => p.id.toLowerCase() === parentId);
    },
    tagCandidates(tagLower) {
      if (!tagLower.startsWith("base_model:")) return null;
      const rest = tagLower.slice("base_model:".length);
      const colon = rest.indexOf(":");
      const parentId = colon === -1 ? rest : rest.slice(colon + 1);
      const found = lookup(parentId);
      if (found?.kind === "model") return childList.subarray(childOffset[found.index], childOffset[found.index + 1]);
      return ghostChildren.get(parentId) ?? [];
    },
    record(i) {
      const modelId = id(i);
      const unixSeconds = Math.floor((SORT_EPOCH_MS + created[i] * 1000) / 1000);
      const siblings =
        rel[i] === ADAPTER
          ? ["adapter_config.json", "adapter_model.safetensors"]
          : rel[i] === QUANTIZED
            ? [`${namePart(i)}.Q4_K_M.gguf`]
            : ["config.json", "model.safetensors"];
      const record: WireModel = {
        _id: unixSeconds.toString(16).padStart(8, "0") + hashHex40(seed, i, 11).slice(0, 16),
        id: modelId,
        private: false,
        pipeline_tag: "text-generation",
        library_name: libraryName(i),
        tags: tags(i),
        downloads: downloads(i),
        likes: likes(i),
        modelId,
        author: authorName(author[i]),
        sha: hashHex40(seed, i, 12),
        lastModified: isoOf(modified[i]),
        gated: false,
        disabled: false,
        config: { model_type: family[i] >= 0 ? STEMS[family[i] % STEMS.length].toLowerCase() : "bert" },
        cardData: cardData(i),
        siblings: [".gitattributes", "README.md", ...siblings].map((rfilename) => ({ rfilename })),
        spaces: [],
        createdAt: isoOf(created[i]),
        usedStorage: 1000 + (hash32(seed, i, 13) % 1_000_000_000),
      };
      if (record.library_name === undefined) delete record.library_name;
      return record;
    },
    card: (i) => composeCard(cardData(i), namePart(i), `Synthetic model generated by hub-replay (seed ${seed}).`),
    relation: (i) => RELATION_NAMES[rel[i]],
    declaredParents,
    childIndexes: (i) => childList.subarray(childOffset[i], childOffset[i + 1]),
    *edges() {
      for (let i = 0; i < n; i++) {
        const relation = RELATION_NAMES[rel[i]];
        if (!relation) continue;
        for (const p of declaredParents(i)) {
          yield { parentId: p.id, parentIndex: p.index, childIndex: i, childId: id(i), relation };
        }
      }
    },
    shape() {
      const edgesByRelation: Record<Relation, number> = { finetune: 0, adapter: 0, quantized: 0, merge: 0 };
      let edges = 0;
      let maxDepth = 0;
      let placeholderDates = 0;
      let renamed = 0;
      let mergeMin = Infinity;
      let mergeMax = 0;
      for (let i = 0; i < n; i++) {
        const count = (parent[i] >= 0 ? 1 : 0) + extraOffset[i + 1] - extraOffset[i];
        const relation = RELATION_NAMES[rel[i]];
        if (relation) edgesByRelation[relation] += count;
        edges += count;
        if (rel[i] === MERGE) {
          mergeMin = Math.min(mergeMin, count);
          mergeMax = Math.max(mergeMax, count);
        }
        maxDepth = Math.max(maxDepth, depth[i]);
        if (flags[i] & PLACEHOLDER) placeholderDates++;
        if (flags[i] & RENAMED) renamed++;
      }
      const largest = [...sizes.keys()].slice(0, 5).map((f) => ({ id: id(familyStart[f]), size: sizes[f] }));
      return {
        models: n,
        standalone: standaloneCount,
        families: familyCount,
        largestFamilies: largest,
        maxDepth,
        edges,
        edgesByRelation,
        mergeParents: { min: mergeMax ? mergeMin : 0, max: mergeMax },
        renamed,
        cycles,
        danglingEdges: danglingCount,
        placeholderDates,
      };
    },
  };
  return store;
}

// A seeded, deterministic synthetic Hub of any size (millions of models): typed arrays, records built lazily.
import type { Relation } from "../lineage/types";
import { buildBaseModelTags } from "./base-model-tags";
import { composeCard } from "./compose-card";
import {
  HUB_PLACEHOLDER_CREATED_AT,
  MAX_STORE_SIZE,
  SORT_EPOCH_MS,
  SORT_KEY_LIMIT,
  type DeclaredParent,
  type HubStore,
  type IdLookup,
  type NumericSortField,
  type WireModel,
} from "./hub-store";
import { createRandom, hash32, hashHex40, hashUnit } from "./prng";
import { ReplayConfigError } from "./replay-errors";

/**
 * Shape of the synthetic Hub. Models are either standalone (no parent, no child, like most Hub repos) or members of
 * a family: a base plus its derivatives. Family sizes follow a Zipf-Mandelbrot power law, so a few bases carry
 * 100k+ descendants at 2.5M models while thousands of families have one or two.
 */
export interface SyntheticHubParams {
  /** Total number of models, 1 .. 8,388,607. */
  models: number;
  seed: number;
  /** Share of models with no lineage at all. */
  standaloneShare: number;
  /** Number of families (bases); default 1.5% of the family models. */
  families?: number;
  /** Family of rank k (0-based) gets a size proportional to (k + 1 + familyHeadOffset)^-familyExponent. */
  familyExponent: number;
  familyHeadOffset: number;
  /** Chance a derived model attaches straight to its family's base; the mean depth is about 1 / rootBias. */
  rootBias: number;
  /** Otherwise: chance to attach to the parent of a random family member (rich get richer), else to that member. */
  preferentialShare: number;
  /** No model is deeper than this below its base. */
  maxDepth: number;
  /**
   * Relation of each derived model (weights, normalised). The SmolLM2 sample is ~50/27/23 adapter/finetune/quantized.
   */
  relationMix: Record<Relation, number>;
  /** A merge has 2 .. maxMergeParents parents; each further parent is 60% as likely as the count before. */
  maxMergeParents: number;
  /** Share of a merge's extra parents taken from another (older) family. */
  crossFamilyMergeShare: number;
  /** Share of family models renamed (the old id answers 307; tags of children name the new id). */
  renameShare: number;
  /** Share of the children of renamed models whose card (README, cardData) still names the old id. */
  staleCardShare: number;
  /** Number of lineage cycles (a model declaring one of its own descendants as a base); default 3 + 1 per 1M. */
  cycles?: number;
  /** Share of models declaring an extra parent that does not exist (deleted repos). */
  danglingShare: number;
  /** Share of bases and standalone models showing the Hub's placeholder createdAt (2022-03-02T23:29:04Z). */
  placeholderShare: number;
  /** createdAt range (ISO); derived models are created after all their parents. */
  from: string;
  to: string;
}

export const SYNTHETIC_DEFAULTS: Omit<SyntheticHubParams, "models"> = {
  seed: 1,
  standaloneShare: 0.3,
  familyExponent: 1.3,
  familyHeadOffset: 1,
  rootBias: 0.35,
  preferentialShare: 0.25,
  maxDepth: 10,
  relationMix: { finetune: 0.26, adapter: 0.46, quantized: 0.21, merge: 0.07 },
  maxMergeParents: 20,
  crossFamilyMergeShare: 0.15,
  renameShare: 0.002,
  staleCardShare: 0.5,
  danglingShare: 0.0005,
  placeholderShare: 0.05,
  from: "2022-01-01T00:00:00.000Z",
  to: "2026-06-30T00:00:00.000Z",
};

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

const NONE = 0;
const FINETUNE = 1;
const ADAPTER = 2;
const QUANTIZED = 3;
const MERGE = 4;
const RELATION_NAMES: (Relation | null)[] = [null, "finetune", "adapter", "quantized", "merge"];

const RENAMED = 1;
const STALE_CARD = 2;
const PLACEHOLDER = 4;

const DAY = 86400;
const PLACEHOLDER_SECONDS = (Date.parse(HUB_PLACEHOLDER_CREATED_AT) - SORT_EPOCH_MS) / 1000;

const ORGS = [
  "Acme-AI",
  "OpenWeights",
  "NeuralForge",
  "DeepLattice",
  "TinyStack",
  "CoralLabs",
  "NorthStar-ML",
  "Quantly",
  "MergeKitchen",
  "LoraLoft",
  "BitShift",
  "Polyglot-NLP",
  "SkyCompute",
  "FieldMind",
  "RiverAI",
  "EdgeInfer",
];
const USER_PREFIXES = ["user", "Dev", "the", "AI-", "lab", "Team", "ml"];
const STEMS = [
  "Lumen",
  "Corvid",
  "Atlas",
  "Nimbus",
  "Kestrel",
  "Quill",
  "Marlin",
  "Sable",
  "Tundra",
  "Vireo",
  "Zephyr",
  "Onyx",
];
const SIZES = ["0.5B", "1.5B", "3B", "7B", "8B", "14B", "32B", "70B"];
const WORDS = ["experiment", "test-model", "my-model", "classifier", "demo", "checkpoint", "run", "baseline"];
const SUFFIXES: Record<number, string[]> = {
  [FINETUNE]: ["Instruct", "SFT", "DPO", "chat", "ft", "it"],
  [ADAPTER]: ["lora", "LoRA-r16", "qlora", "adapter"],
  [QUANTIZED]: ["GGUF", "AWQ", "GPTQ-4bit", "bnb-4bit", "Q4_K_M-GGUF", "8bit"],
  [MERGE]: ["merge", "slerp", "ties", "dare-merge"],
};

function isShare(value: unknown): value is number {
  return typeof value === "number" && value >= 0 && value <= 1;
}

/** Fills defaults and checks every field; throws ReplayConfigError naming the first bad one. */
export function validateSyntheticParams(input: Partial<SyntheticHubParams> & { models: number }): SyntheticHubParams {
  const p: SyntheticHubParams = { ...SYNTHETIC_DEFAULTS, ...input };
  if (!Number.isInteger(p.models) || p.models < 1 || p.models >= MAX_STORE_SIZE) {
    throw new ReplayConfigError("models", p.models, `an integer from 1 to ${MAX_STORE_SIZE - 1}`);
  }
  if (!Number.isInteger(p.seed)) throw new ReplayConfigError("seed", p.seed, "an integer");
  const shares = [
    "standaloneShare",
    "rootBias",
    "preferentialShare",
    "crossFamilyMergeShare",
    "renameShare",
    "staleCardShare",
    "danglingShare",
    "placeholderShare",
  ] as const;
  for (const key of shares) if (!isShare(p[key])) throw new ReplayConfigError(key, p[key], "a share from 0 to 1");
  if (!(p.familyExponent > 0)) throw new ReplayConfigError("familyExponent", p.familyExponent, "a number > 0");
  if (!(p.familyHeadOffset >= 0)) throw new ReplayConfigError("familyHeadOffset", p.familyHeadOffset, "a number >= 0");
  if (!Number.isInteger(p.maxDepth) || p.maxDepth < 1 || p.maxDepth > 200) {
    throw new ReplayConfigError("maxDepth", p.maxDepth, "an integer from 1 to 200");
  }
  if (!Number.isInteger(p.maxMergeParents) || p.maxMergeParents < 2) {
    throw new ReplayConfigError("maxMergeParents", p.maxMergeParents, "an integer >= 2");
  }
  const weights = Object.values(p.relationMix ?? {});
  if (weights.length !== 4 || weights.some((w) => !(w >= 0)) || !weights.some((w) => w > 0)) {
    throw new ReplayConfigError("relationMix", p.relationMix, "weights >= 0 for finetune, adapter, quantized, merge");
  }
  if (p.families !== undefined && (!Number.isInteger(p.families) || p.families < 1)) {
    throw new ReplayConfigError("families", p.families, "an integer >= 1");
  }
  if (p.cycles !== undefined && (!Number.isInteger(p.cycles) || p.cycles < 0)) {
    throw new ReplayConfigError("cycles", p.cycles, "an integer >= 0");
  }
  const from = Date.parse(p.from);
  const to = Date.parse(p.to);
  if (Number.isNaN(from) || from < SORT_EPOCH_MS) throw new ReplayConfigError("from", p.from, "an ISO date >= 2020");
  if (Number.isNaN(to) || to <= from || (to - SORT_EPOCH_MS) / 1000 >= SORT_KEY_LIMIT / 2) {
    throw new ReplayConfigError("to", p.to, "an ISO date after `from`, before 2037");
  }
  return p;
}

/** Family sizes (each >= 1) summing to `mass`, by a Zipf-Mandelbrot law, largest first. */
function familySizes(mass: number, count: number, exponent: number, offset: number): Int32Array {
  const weights = new Float64Array(count);
  let total = 0;
  for (let k = 0; k < count; k++) total += weights[k] = (k + 1 + offset) ** -exponent;
  const sizes = new Int32Array(count);
  let used = 0;
  for (let k = 0; k < count; k++) used += sizes[k] = 1 + Math.floor(((mass - count) * weights[k]) / total);
  for (let k = 0; used < mass; k = (k + 1) % count, used++) sizes[k]++;
  return sizes;
}

export function createSyntheticHub(input: Partial<SyntheticHubParams> & { models: number }): SyntheticHub {
  const params = validateSyntheticParams(input);
  const n = params.models;
  const seed = params.seed;
  const random = createRandom(seed);
  const fromSec = Math.floor((Date.parse(params.from) - SORT_EPOCH_MS) / 1000);
  const toSec = Math.floor((Date.parse(params.to) - SORT_EPOCH_MS) / 1000);

  const standaloneCount = Math.min(n - 1, Math.round(n * params.standaloneShare));
  const familyMass = n - standaloneCount;
  const familyCount = Math.min(familyMass, params.families ?? Math.max(1, Math.round(familyMass * 0.015)));
  const sizes = familySizes(familyMass, familyCount, params.familyExponent, params.familyHeadOffset);
  const authorCount = Math.max(ORGS.length + 2, Math.round(n / 12));

  const parent = new Int32Array(n).fill(-1);
  const family = new Int32Array(n).fill(-1);
  const author = new Int32Array(n);
  const created = new Uint32Array(n);
  const modified = new Uint32Array(n);
  const rel = new Uint8Array(n);
  const depth = new Uint8Array(n);
  const flags = new Uint8Array(n);
  const familyStart = new Int32Array(familyCount + 1);
  // Extra parents (merges, cycles, dangling): child -> ref, ref >= 0 a model index, ref < 0 ghost -(k + 1).
  const extraChild: number[] = [];
  const extraRef: number[] = [];

  const mix = params.relationMix;
  const mixTotal = mix.finetune + mix.adapter + mix.quantized + mix.merge;
  const cumulative = [mix.finetune, mix.finetune + mix.adapter, mix.finetune + mix.adapter + mix.quantized].map(
    (w) => w / mixTotal,
  );
  const sampleRelation = (): number => {
    const u = random();
    return u < cumulative[0] ? FINETUNE : u < cumulative[1] ? ADAPTER : u < cumulative[2] ? QUANTIZED : MERGE;
  };
  const canParent = (i: number): boolean => rel[i] !== ADAPTER && rel[i] !== QUANTIZED;
  const toParentable = (i: number): number => {
    let q = i;
    while (!canParent(q)) q = parent[q];
    return q;
  };
  /** `reach` < 1 keeps the date in the first part of the range: the big families are the old ones. */
  const baseTime = (reach: number): number => {
    if (random() < params.placeholderShare) return PLACEHOLDER_SECONDS;
    const latest = Math.max(fromSec, toSec - 120 * DAY);
    return fromSec + Math.floor(random() * reach * (latest - fromSec + 1));
  };
  /** Derivatives keep appearing until `to`, more of them soon after the parent. */
  const childTime = (after: number): number =>
    after + 60 + Math.floor(Math.max(0, toSec - after - 60) * random() ** 1.5);
  const derivedAuthor = (): number => Math.floor(authorCount * random() ** 2.5);

  let next = 0;
  for (let f = 0; f < familyCount; f++) {
    const start = next;
    familyStart[f] = start;
    family[start] = f;
    author[start] = Math.floor(ORGS.length * random() ** 1.5);
    created[start] = baseTime(Math.min(1, 0.3 + f / 100));
    if (created[start] === PLACEHOLDER_SECONDS) flags[start] |= PLACEHOLDER;
    if (random() < params.renameShare) flags[start] |= RENAMED;
    for (let i = start + 1; i < start + sizes[f]; i++) {
      family[i] = f;
      let r = sampleRelation();
      let p: number;
      if (random() < params.rootBias) p = start;
      else {
        const j = start + Math.floor(random() * (i - start));
        p = random() < params.preferentialShare && parent[j] >= 0 ? parent[j] : j;
        // Adapters and quantizations seldom have children of their own.
        if (!canParent(p) && random() < 0.97) p = toParentable(p);
      }
      while (depth[p] >= params.maxDepth) p = parent[p];
      parent[i] = p;
      depth[i] = depth[p] + 1;
      let latestParent = created[p];
      if (r === MERGE) {
        let extras = 1;
        while (extras < params.maxMergeParents - 1 && random() < 0.6) extras++;
        const chosen = [p];
        for (let e = 0; e < extras; e++) {
          const crossFamily = start > 0 && random() < params.crossFamilyMergeShare;
          const q = toParentable(
            crossFamily ? Math.floor(random() * start) : start + Math.floor(random() * (i - start)),
          );
          if (chosen.includes(q)) continue;
          chosen.push(q);
          extraChild.push(i);
          extraRef.push(q);
          latestParent = Math.max(latestParent, created[q]);
        }
        if (chosen.length === 1) r = FINETUNE; // no second distinct parent was available: not a merge after all
      }
      rel[i] = r;
      created[i] = childTime(latestParent);
      author[i] = derivedAuthor();
      if (flags[p] & RENAMED && random() < params.staleCardShare) flags[i] |= STALE_CARD;
      if (random() < params.renameShare) flags[i] |= RENAMED;
    }
    next = start + sizes[f];
  }
  familyStart[familyCount] = next;
  for (let i = next; i < n; i++) {
    author[i] = derivedAuthor();
    created[i] = baseTime(1);
    if (created[i] === PLACEHOLDER_SECONDS) flags[i] |= PLACEHOLDER;
  }
  for (let i = 0; i < n; i++) {
    const span = Math.max(0, toSec - created[i]);
    modified[i] = created[i] + Math.floor(random() * Math.min(span, 300 * DAY));
  }

  const hasExtra = (child: number, ref: number): boolean => {
    if (parent[child] === ref) return true;
    for (let k = 0; k < extraChild.length; k++) if (extraChild[k] === child && extraRef[k] === ref) return true;
    return false;
  };
  const cycleTarget = params.cycles ?? (familyMass >= 1000 ? 3 + Math.floor(n / 1_000_000) : 0);
  let cycles = 0;
  for (let attempt = 0; cycles < cycleTarget && attempt < cycleTarget * 50; attempt++) {
    const b = familyStart[0] + Math.floor(random() * familyMass);
    if (parent[b] < 0) continue;
    let a = b;
    for (let up = 1 + Math.floor(random() * 3); up > 0 && parent[a] >= 0; up--) a = parent[a];
    if (hasExtra(a, b)) continue;
    extraChild.push(a);
    extraRef.push(b);
    if (rel[a] === NONE) rel[a] = FINETUNE;
    cycles++;
  }
  const danglingCount = Math.round(familyMass * params.danglingShare);
  for (let k = 0; k < danglingCount; k++) {
    const c = Math.floor(random() * familyMass);
    extraChild.push(c);
    extraRef.push(-(k + 1));
    if (rel[c] === NONE) rel[c] = FINETUNE;
  }

  // child -> extra refs, then parent -> children (tree edges and extra edges to real models), both as CSR arrays.
  const extraOffset = new Int32Array(n + 1);
  for (const c of extraChild) extraOffset[c + 1]++;
  for (let i = 0; i < n; i++) extraOffset[i + 1] += extraOffset[i];
  const extraList = new Int32Array(extraChild.length);
  const extraFill = extraOffset.slice(0, n);
  extraChild.forEach((c, k) => (extraList[extraFill[c]++] = extraRef[k]));
  const childOffset = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) if (parent[i] >= 0) childOffset[parent[i] + 1]++;
  for (const ref of extraRef) if (ref >= 0) childOffset[ref + 1]++;
  for (let i = 0; i < n; i++) childOffset[i + 1] += childOffset[i];
  const childList = new Int32Array(childOffset[n]);
  const childFill = childOffset.slice(0, n);
  for (let i = 0; i < n; i++) {
    if (parent[i] >= 0) childList[childFill[parent[i]]++] = i;
    for (let k = extraOffset[i]; k < extraOffset[i + 1]; k++) {
      if (extraList[k] >= 0) childList[childFill[extraList[k]]++] = i;
    }
  }

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

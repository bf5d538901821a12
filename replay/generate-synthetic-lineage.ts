// The lineage of a synthetic Hub: families, parents, relations, dates and authors as typed arrays, seeded.
import { HUB_PLACEHOLDER_CREATED_AT, SORT_EPOCH_MS } from "./hub-store";
import { createRandom } from "./prng";
import {
  ADAPTER,
  FINETUNE,
  MERGE,
  NONE,
  ORGS,
  PLACEHOLDER,
  QUANTIZED,
  RENAMED,
  STALE_CARD,
} from "./synthetic-vocabulary";
import type { SyntheticHubParams } from "./validate-synthetic-params";

const DAY = 86400;
const PLACEHOLDER_SECONDS = (Date.parse(HUB_PLACEHOLDER_CREATED_AT) - SORT_EPOCH_MS) / 1000;

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

export type SyntheticLineage = ReturnType<typeof generateSyntheticLineage>;

/** Draws the whole lineage from `params.seed`; the draw order is the data, so keep it. */
export function generateSyntheticLineage(params: SyntheticHubParams) {
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
  return {
    counts: { standaloneCount, familyCount, authorCount, cycles, danglingCount },
    models: { parent, family, author, created, modified, rel, depth, flags },
    families: { sizes, familyStart },
    links: { extraChild, extraRef, extraOffset, extraList, childOffset, childList },
  };
}

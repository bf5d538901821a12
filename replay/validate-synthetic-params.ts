// The synthetic Hub's parameters: their shape, defaults and validation.
import type { Relation } from "../lineage/types";
import { MAX_STORE_SIZE, SORT_EPOCH_MS, SORT_KEY_LIMIT } from "./hub-store";
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

// A family's growth: its descendants counted per creation week or month, per relation to their parent.
import type { Db } from "../open-database";
import { emptyCounts, type RelationCounts } from "./counts";
import { walkDescendants } from "./descendants";
import { readMemberNodes } from "../graph/walk-lineage-graph";
import type { EdgeScope } from "./edges";
import type { Relation } from "../../lineage/types";

/** The Hub gives this `createdAt` to every repo older than its creation-date records: it is not a date. */
export const HUB_PLACEHOLDER_CREATED_AT = "2022-03-02T23:29:04.000Z";

export const GROWTH_INTERVALS = ["week", "month"] as const;
export type GrowthInterval = (typeof GROWTH_INTERVALS)[number];

export interface GrowthPeriod extends RelationCounts {
  /** First day of the period (UTC, YYYY-MM-DD); weeks start on Monday (ISO 8601). */
  start: string;
}

export interface Growth {
  interval: GrowthInterval;
  /** Every period from the first descendant's to the last one's, empty periods included (zeros). */
  periods: GrowthPeriod[];
  /** Descendants with no usable creation date (missing, unparsable, the Hub's placeholder, before 2016 or future). */
  unknown: RelationCounts;
  total: number;
}

const DAY_MS = 86_400_000;
const PLACEHOLDER_MS = Date.parse(HUB_PLACEHOLDER_CREATED_AT);
/** No Hub repo predates this; an earlier date is bad data (and would stretch the series over decades). */
const HUB_EPOCH_MS = Date.UTC(2016, 0, 1);

/** The start (ms, UTC midnight) of the period holding `ms`. */
export function periodStart(ms: number, interval: GrowthInterval): number {
  const date = new Date(ms);
  if (interval === "month") return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return midnight - sinceMonday * DAY_MS;
}

function nextPeriod(start: number, interval: GrowthInterval): number {
  if (interval === "week") return start + 7 * DAY_MS;
  const date = new Date(start);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

/** Null for a missing, unparsable or placeholder date, or one outside [2016, now]. */
function creationTime(createdAt: string | null, nowMs: number): number | null {
  if (!createdAt) return null;
  const ms = Date.parse(createdAt);
  return Number.isNaN(ms) || ms === PLACEHOLDER_MS || ms < HUB_EPOCH_MS || ms > nowMs ? null : ms;
}

export function getGrowth(
  db: Db,
  id: string,
  options: EdgeScope & { interval: GrowthInterval; relation: Relation | null; now: Date },
): Growth {
  const members = walkDescendants(db, id, options);
  const wanted = options.relation ? members.filter((m) => m.relation === options.relation) : members;
  const info = readMemberNodes(db, wanted, options);
  return countGrowth(
    wanted.map((member, k) => ({ relation: member.relation, createdAt: info[k].createdAt })),
    options,
  );
}

/** Models counted per creation period and relation (e.g. a family's descendants, an org's derivatives). */
export function countGrowth(
  models: { relation: Relation | null; createdAt: string | null }[],
  options: { interval: GrowthInterval; now: Date },
): Growth {
  const buckets = new Map<number, RelationCounts>();
  const unknown = emptyCounts();
  for (const model of models) {
    const ms = creationTime(model.createdAt, options.now.getTime());
    let counts = unknown;
    if (ms !== null) {
      const start = periodStart(ms, options.interval);
      counts = buckets.get(start) ?? emptyCounts();
      buckets.set(start, counts);
    }
    counts.total += 1;
    if (model.relation) counts[model.relation] += 1;
  }
  const periods: GrowthPeriod[] = [];
  if (buckets.size) {
    const starts = [...buckets.keys()];
    const last = Math.max(...starts);
    for (let start = Math.min(...starts); start <= last; start = nextPeriod(start, options.interval)) {
      periods.push({ start: new Date(start).toISOString().slice(0, 10), ...(buckets.get(start) ?? emptyCounts()) });
    }
  }
  return { interval: options.interval, periods, unknown, total: models.length };
}

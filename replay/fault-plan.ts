// Seeded fault injection for the replay: 5xx answers, hangs, truncated bodies and delays, per route kind.
import { createRandom } from "./prng";
import { ReplayConfigError } from "./replay-errors";

export type RouteKind = "list" | "info" | "resolve" | "other";

export interface FaultOptions {
  /** Share of requests answered 500/502/503/504 instead. */
  serverErrorRate?: number;
  /** Share of requests never answered (the connection stays open until the server closes). */
  hangRate?: number;
  /** Share of answers cut in the middle of the body (the declared Content-Length is never reached). */
  truncateRate?: number;
  /** Delay before every answer: fixed, or uniform in [min, max]. */
  delayMs?: number | [number, number];
  /** The last page of every listing links back to the first one. */
  linkLoop?: boolean;
  /** Route kinds the rates and delays apply to; default all. */
  routes?: RouteKind[];
  seed?: number;
}

export type Fault =
  | { kind: "none"; delayMs: number }
  | { kind: "serverError"; status: 500 | 502 | 503 | 504; delayMs: number }
  | { kind: "hang" }
  | { kind: "truncate"; delayMs: number };

const ERROR_STATUSES = [500, 502, 503, 504] as const;
const ROUTE_KINDS: RouteKind[] = ["list", "info", "resolve", "other"];

export function validateFaults(options: FaultOptions): FaultOptions {
  const rates = ["serverErrorRate", "hangRate", "truncateRate"] as const;
  for (const key of rates) {
    const value = options[key];
    if (value !== undefined && !(value >= 0 && value <= 1))
      throw new ReplayConfigError(`faults.${key}`, value, "0 to 1");
  }
  const total = rates.reduce((sum, key) => sum + (options[key] ?? 0), 0);
  if (total > 1) throw new ReplayConfigError("faults", options, "serverErrorRate + hangRate + truncateRate <= 1");
  const delay = options.delayMs;
  const delayOk =
    delay === undefined ||
    (typeof delay === "number" && delay >= 0) ||
    (Array.isArray(delay) && delay.length === 2 && delay[0] >= 0 && delay[1] >= delay[0]);
  if (!delayOk) throw new ReplayConfigError("faults.delayMs", delay, "ms >= 0 or [min, max]");
  if (options.routes?.some((r) => !ROUTE_KINDS.includes(r))) {
    throw new ReplayConfigError("faults.routes", options.routes, `some of ${ROUTE_KINDS.join(", ")}`);
  }
  return options;
}

/** Decisions come from one seeded sequence, so a run with the same requests in the same order gets the same faults. */
export function createFaultPlan(options: FaultOptions): (route: RouteKind) => Fault {
  const faults = validateFaults(options);
  const random = createRandom(faults.seed ?? 1);
  return (route) => {
    if (faults.routes && !faults.routes.includes(route)) return { kind: "none", delayMs: 0 };
    const delay = faults.delayMs;
    const delayMs =
      delay === undefined
        ? 0
        : typeof delay === "number"
          ? delay
          : delay[0] + Math.floor(random() * (delay[1] - delay[0] + 1));
    const u = random();
    const errorRate = faults.serverErrorRate ?? 0;
    const hangRate = faults.hangRate ?? 0;
    if (u < errorRate) return { kind: "serverError", status: ERROR_STATUSES[Math.floor(random() * 4)], delayMs };
    if (u < errorRate + hangRate) return { kind: "hang" };
    if (u < errorRate + hangRate + (faults.truncateRate ?? 0)) return { kind: "truncate", delayMs };
    return { kind: "none", delayMs };
  };
}

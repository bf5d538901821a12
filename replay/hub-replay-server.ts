// A local HTTP server speaking the Hugging Face Hub API over recorded or synthetic data, with budgets and faults.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createFaultPlan, validateFaults, type Fault, type FaultOptions, type RouteKind } from "./fault-plan";
import type { HubStore } from "./hub-store";
import { answerHubRequest, classifyRoute, type Reply, type RouteContext } from "./hub-routes";
import { LIST_MAX_LIMIT, ListingEngine, type Visibility } from "./listing";
import { loadHubData } from "./load-hub-data";
import { RateBudget, validateBucket, type BucketName, type BudgetOptions } from "./rate-budget";
import { ReplayConfigError } from "./replay-errors";
import { createSyntheticHub } from "./synthetic-hub";
import type { SyntheticHubParams } from "./validate-synthetic-params";

export interface HubReplayOptions {
  /** Exactly one data source: a hub-data folder, a synthetic Hub's parameters, or a ready store. */
  data?: string;
  synthetic?: Partial<SyntheticHubParams> & { models: number };
  store?: HubStore;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Extra renames, old id -> current id: the old id answers 307 to the current one. */
  renames?: Record<string, string>;
  /** Only models created at or before this instant exist (ISO string or Date); null: all. */
  cutoff?: string | Date | null;
  budget?: BudgetOptions;
  faults?: FaultOptions;
  missingRepoStatus?: 404 | 401;
  /**
   * Listings say their size in `X-Total-Count` (default true). False plays a Hub that does not, so the crawler's
   * other ways of learning the Hub's size are exercised.
   */
  sendsTotalCount?: boolean;
  /**
   * The most records a listing page serves (default and at most LIST_MAX_LIMIT, 1,000): a larger `limit` is cut to
   * it and the page still links to the next, as a Hub that caps its pages lower than asked does.
   */
  maxPageLimit?: number;
  now?: () => number;
}

export interface ReplayStats {
  requests: number;
  byRoute: Record<RouteKind, number>;
  byStatus: Record<string, number>;
  rateLimited: number;
  injected: { serverError: number; hang: number; truncate: number };
}

export interface HubReplay {
  /** Base URL to pass as hubUrl / HF_ENDPOINT, e.g. http://127.0.0.1:7861 (no trailing slash). */
  readonly url: string;
  readonly store: HubStore;
  close(): Promise<void>;
  /** A copy of the counters (control routes under /__replay/ are not counted). */
  stats(): ReplayStats;
  resetStats(): void;
  setCutoff(at: string | Date | null): void;
  cutoff(): string | null;
  setFaults(faults: FaultOptions): void;
  /** The model answers 404 from now on (a deleted repo). False when no such model. */
  removeModel(id: string): boolean;
}

function emptyStats(): ReplayStats {
  return {
    requests: 0,
    byRoute: { list: 0, info: 0, resolve: 0, other: 0 },
    byStatus: {},
    rateLimited: 0,
    injected: { serverError: 0, hang: 0, truncate: 0 },
  };
}

function parseCutoff(at: string | Date | null | undefined): number | null {
  if (at === null || at === undefined) return null;
  const ms = at instanceof Date ? at.getTime() : Date.parse(at);
  if (Number.isNaN(ms)) throw new ReplayConfigError("cutoff", at, "an ISO date or null");
  return ms;
}

function openStore(options: HubReplayOptions): HubStore {
  const given = [options.data, options.synthetic, options.store].filter((s) => s !== undefined).length;
  if (given !== 1) throw new ReplayConfigError("data|synthetic|store", given, "exactly one data source");
  if (options.store) return options.store;
  if (options.synthetic) return createSyntheticHub(options.synthetic);
  return loadHubData(options.data!).store;
}

const SERVER_ERROR_BODIES: Record<number, string> = {
  500: JSON.stringify({ error: "Internal Error - We're working hard to fix this as soon as possible!" }),
  502: "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>",
  503: "<html><head><title>503 Service Temporarily Unavailable</title></head><body><h1>503</h1></body></html>",
  504: "<html><head><title>504 Gateway Time-out</title></head><body><h1>504 Gateway Time-out</h1></body></html>",
};

export async function startHubReplay(options: HubReplayOptions = {}): Promise<HubReplay> {
  const store = openStore(options);
  const now = options.now ?? Date.now;
  const startedAt = now();
  const maxPageLimit = options.maxPageLimit ?? LIST_MAX_LIMIT;
  if (!Number.isInteger(maxPageLimit) || maxPageLimit < 1 || maxPageLimit > LIST_MAX_LIMIT)
    throw new ReplayConfigError("maxPageLimit", maxPageLimit, `an integer from 1 to ${LIST_MAX_LIMIT}`);
  const retryAfter = options.budget?.retryAfter ?? "alternate";
  const budgets = new Map<BucketName, RateBudget>();
  for (const bucket of ["api", "resolvers"] as const) {
    const budget = options.budget?.[bucket];
    if (budget) budgets.set(bucket, new RateBudget(bucket, validateBucket(bucket, budget), startedAt, retryAfter));
  }
  let faults = validateFaults(options.faults ?? {});
  let decideFault = createFaultPlan(faults);
  let cutoffMs = parseCutoff(options.cutoff);
  const removed = new Set<number>();
  let version = 0;
  const visibility: Visibility = {
    // A model without a known creation date always exists.
    isVisible: (i) => !removed.has(i) && !(cutoffMs !== null && store.createdAtMs(i) > cutoffMs),
    get version() {
      return version;
    },
    get everything() {
      return cutoffMs === null && removed.size === 0;
    },
  };
  const renames = new Map<string, string>();
  for (const [from, to] of Object.entries(options.renames ?? {})) {
    if (store.lookup(to)?.kind !== "model")
      throw new ReplayConfigError(`renames.${from}`, to, "the id of a served model");
    if (store.lookup(from)) throw new ReplayConfigError("renames", from, "an old id that is not a served model's id");
    renames.set(from.toLowerCase(), to);
  }
  const listing = new ListingEngine(store);
  const missingRepoStatus = options.missingRepoStatus ?? 404;
  if (missingRepoStatus !== 404 && missingRepoStatus !== 401) {
    throw new ReplayConfigError("missingRepoStatus", missingRepoStatus, "404 or 401");
  }
  let stats = emptyStats();
  let requestCounter = 0;
  const timers = new Set<NodeJS.Timeout>();

  const send = (req: IncomingMessage, res: ServerResponse, reply: Reply, truncate: boolean): void => {
    const body = typeof reply.body === "string" ? Buffer.from(reply.body, "utf8") : reply.body;
    stats.byStatus[reply.status] = (stats.byStatus[reply.status] ?? 0) + 1;
    res.writeHead(reply.status, { ...reply.headers, "Content-Length": String(body.length) });
    if (req.method === "HEAD") {
      res.end();
    } else if (truncate && body.length > 1) {
      // Half the promised bytes, then the connection drops: the client sees a body that ends early.
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
    } else {
      res.end(body);
    }
  };

  const control = (req: IncomingMessage, url: URL): Reply | null => {
    const ok = (value: unknown): Reply => ({
      status: 200,
      headers: { "Content-Type": "application/json; charset=utf-8" },
      body: JSON.stringify(value),
    });
    if (url.pathname === "/__replay/stats" && req.method === "GET") return ok(replay.stats());
    if (url.pathname === "/__replay/stats/reset" && req.method === "POST") {
      replay.resetStats();
      return ok(replay.stats());
    }
    if (url.pathname === "/__replay/cutoff" && req.method === "POST") {
      const at = url.searchParams.get("at");
      try {
        replay.setCutoff(at === null || at === "none" ? null : at);
      } catch (err) {
        return {
          status: 400,
          headers: { "Content-Type": "application/json; charset=utf-8" },
          body: JSON.stringify({ error: (err as Error).message }),
        };
      }
      return ok({ cutoff: replay.cutoff() });
    }
    if (url.pathname === "/__replay/remove" && req.method === "POST") {
      return ok({ removed: replay.removeModel(url.searchParams.get("id") ?? "") });
    }
    return null;
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const host = req.headers.host ?? "127.0.0.1";
    const url = new URL(req.url ?? "/", `http://${host}`);
    if (url.pathname.startsWith("/__replay/")) {
      const reply = control(req, url) ?? { status: 404, headers: {}, body: "unknown control route" };
      res.writeHead(reply.status, reply.headers).end(reply.body);
      return;
    }
    const route = classifyRoute(url.pathname);
    stats.requests++;
    stats.byRoute[route]++;
    requestCounter++;
    const requestId = `Root=1-${startedAt.toString(16)}-${requestCounter.toString(16).padStart(8, "0")}`;
    const budget = budgets.get(route === "resolve" ? "resolvers" : "api");
    const verdict = budget?.take(now());
    const extra = { "X-Request-Id": requestId, ...verdict?.headers };
    if (verdict && !verdict.allowed) {
      stats.rateLimited++;
      const bucket = route === "resolve" ? "resolvers" : "api";
      const message = `You have exceeded our rate limit for "${bucket}" requests. Retry after the window resets.`;
      send(
        req,
        res,
        {
          status: 429,
          headers: { ...extra, "Content-Type": "application/json; charset=utf-8" },
          body: JSON.stringify({ error: message }),
        },
        false,
      );
      return;
    }
    const fault: Fault = decideFault(route);
    if (fault.kind === "hang") {
      stats.injected.hang++;
      return;
    }
    const respond = (): void => {
      if (fault.kind === "serverError") {
        stats.injected.serverError++;
        const type = fault.status === 500 ? "application/json; charset=utf-8" : "text/html";
        send(
          req,
          res,
          {
            status: fault.status,
            headers: { ...extra, "Content-Type": type },
            body: SERVER_ERROR_BODIES[fault.status],
          },
          false,
        );
        return;
      }
      const ctx: RouteContext = {
        store,
        listing,
        visibility,
        renames,
        missingRepoStatus,
        linkLoop: faults.linkLoop ?? false,
        sendsTotalCount: options.sendsTotalCount ?? true,
        maxPageLimit,
        origin: `http://${host}`,
      };
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(key, value);
      const reply = answerHubRequest(ctx, req.method ?? "GET", url, headers);
      reply.headers = { ...extra, ...reply.headers };
      if (fault.kind === "truncate") stats.injected.truncate++;
      send(req, res, reply, fault.kind === "truncate");
    };
    if (fault.delayMs > 0) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        respond();
      }, fault.delayMs);
      timers.add(timer);
    } else {
      respond();
    }
  };

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (err) {
      // A bug in the replay must show up as a loud 500 in the test that hit it, not as a hung request.
      res.writeHead(500, { "Content-Type": "text/plain" }).end(`hub-replay internal error: ${(err as Error).stack}`);
    }
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closed: Promise<void> | null = null;

  const replay: HubReplay = {
    url: `http://${hostForUrl}:${address.port}`,
    store,
    close() {
      closed ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
    stats: () => structuredClone(stats),
    resetStats() {
      stats = emptyStats();
    },
    setCutoff(at) {
      cutoffMs = parseCutoff(at);
      version++;
    },
    cutoff: () => (cutoffMs === null ? null : new Date(cutoffMs).toISOString()),
    setFaults(next) {
      faults = validateFaults(next);
      decideFault = createFaultPlan(faults);
    },
    removeModel(id) {
      const found = store.lookup(id);
      if (found?.kind !== "model") return false;
      removed.add(found.index);
      version++;
      return true;
    },
  };
  return replay;
}

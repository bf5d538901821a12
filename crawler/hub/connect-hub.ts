// A Hub client with its request counters, built from a validated Hub config (flags and environment).
import { createHubClient, type HubClient } from "./hub-client";
import type { BudgetUsage } from "./bucket-pacer";
import { validateHubConfig, type HubConfigInput, type Rate } from "./hub-config";
import { createHubFetch, type HubFetchCounters, type HubFetchEvent } from "./hub-fetch";

export interface HubConnection {
  hub: HubClient;
  hubUrl: string;
  /** The user's --rate, null when the budget is the one the Hub advertises. */
  rate: Rate | null;
  /** hub-fetch's counters: requests, retries, and what the retries were for (429s, 5xx, timeouts...). */
  counts: () => HubFetchCounters;
  /** Each bucket's budget (advertised by the Hub, or --rate) and what was spent of it. */
  budgets: () => BudgetUsage[];
  /** Sets the one listener told of waits, retries and redirects (progress output). */
  listen: (listener: (event: HubFetchEvent) => void) => void;
}

/** Throws HubConfigError when the input or the environment holds a bad Hub URL, rate or token. */
export function connectHub(input: HubConfigInput, env: NodeJS.ProcessEnv, fetchImpl?: typeof fetch): HubConnection {
  const config = validateHubConfig(input, env);
  let listener: (event: HubFetchEvent) => void = () => undefined;
  const fetcher = createHubFetch({
    fetch: fetchImpl,
    hubUrl: config.hubUrl,
    token: config.token,
    rate: config.rate,
    resolveRate: config.resolveRate,
    concurrency: config.concurrency,
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    onEvent: (event) => listener(event),
  });
  return {
    hub: createHubClient({ fetch: fetcher.fetch, hubUrl: config.hubUrl }),
    hubUrl: config.hubUrl,
    rate: config.rate,
    counts: fetcher.counters,
    budgets: fetcher.budgets,
    listen: (next) => {
      listener = next;
    },
  };
}

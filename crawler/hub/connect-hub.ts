// A Hub client with its request counters, built from a validated Hub config (flags and environment).
import { createHubClient, type HubClient } from "./hub-client";
import { validateHubConfig, type HubConfigInput } from "./hub-config";
import { createHubFetch, type HubFetchCounters } from "./hub-fetch";

export interface HubConnection {
  hub: HubClient;
  hubUrl: string;
  /** hub-fetch's counters: requests, retries, and what the retries were for (429s, 5xx, timeouts...). */
  counts: () => HubFetchCounters;
}

/** Throws HubConfigError when the input or the environment holds a bad Hub URL, rate or token. */
export function connectHub(input: HubConfigInput, env: NodeJS.ProcessEnv, fetchImpl?: typeof fetch): HubConnection {
  const config = validateHubConfig(input, env);
  const fetcher = createHubFetch({
    fetch: fetchImpl,
    hubUrl: config.hubUrl,
    token: config.token,
    rate: config.rate,
    resolveRate: config.resolveRate,
    concurrency: config.concurrency,
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
  });
  return {
    hub: createHubClient({ fetch: fetcher.fetch, hubUrl: config.hubUrl }),
    hubUrl: config.hubUrl,
    counts: fetcher.counters,
  };
}

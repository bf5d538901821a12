// Benchmark (not a test): how much of the budget a replay Hub advertises the crawler's fetch uses, API and card
// reads (resolvers) at once, learned from the headers vs told with --rate (the baseline, same run); and what a
// whole-Hub sweep costs at the Hub's three tiers.
// Run: npx tsx bench/budget-use.ts [--windows 6]
import { loadavg } from "node:os";
import { createHubFetch } from "../crawler/hub/hub-fetch";
import type { Rate } from "../crawler/hub/hub-config";
import { estimateSweep, HUB_TIERS } from "../crawler/estimate-sweep";
import { startHubReplay } from "../replay/hub-replay-server";
import { readCount } from "./bench-options";

interface Budget {
  api: { requests: number; windowSeconds: number };
  resolvers: { requests: number; windowSeconds: number };
}

interface Outcome {
  apiShare: number;
  resolversShare: number;
  rateLimited: number;
  windows: number;
}

const toRate = (b: { requests: number; windowSeconds: number }): Rate => ({
  limit: b.requests,
  windowMs: b.windowSeconds * 1000,
});

// Keeps `workers` loops busy on each bucket for `windows` API windows and reports the share of the quota answered.
async function measure(budget: Budget, windows: number, told: boolean): Promise<Outcome> {
  const replay = await startHubReplay({
    synthetic: { models: 2_000, seed: 3 },
    budget: { api: budget.api, resolvers: budget.resolvers },
  });
  try {
    const fetcher = createHubFetch({
      hubUrl: replay.url,
      rate: told ? toRate(budget.api) : null,
      resolveRate: told ? toRate(budget.resolvers) : null,
      concurrency: 8,
      timeoutMs: 30_000,
      maxRetries: 3,
    });
    const durationMs = windows * budget.api.windowSeconds * 1000;
    const ids = Array.from({ length: 200 }, (_, i) => replay.store.id(i));
    const started = Date.now();
    let answered = { api: 0, resolvers: 0 };
    const loop = async (kind: "api" | "resolvers", offset: number) => {
      for (let i = offset; Date.now() - started < durationMs; i += 4) {
        const id = ids[i % ids.length];
        const url = kind === "api" ? `${replay.url}/api/models/${id}` : `${replay.url}/${id}/resolve/main/README.md`;
        const response = await fetcher.fetch(url);
        await response.arrayBuffer();
        if (Date.now() - started <= durationMs) answered = { ...answered, [kind]: answered[kind] + 1 };
      }
    };
    await Promise.all([0, 1, 2, 3].flatMap((k) => [loop("api", k), loop("resolvers", k)]));
    const elapsed = Math.min(durationMs, Date.now() - started);
    const allowed = (b: { requests: number; windowSeconds: number }) =>
      (b.requests * elapsed) / (b.windowSeconds * 1000);
    return {
      apiShare: answered.api / allowed(budget.api),
      resolversShare: answered.resolvers / allowed(budget.resolvers),
      rateLimited: replay.stats().rateLimited,
      windows,
    };
  } finally {
    await replay.close();
  }
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

async function main(): Promise<void> {
  const windows = readCount("--windows", 6);
  const budgets: Budget[] = [
    { api: { requests: 40, windowSeconds: 2 }, resolvers: { requests: 60, windowSeconds: 2 } },
    { api: { requests: 100, windowSeconds: 10 }, resolvers: { requests: 150, windowSeconds: 10 } },
  ];
  console.log(
    `budget use against a replay advertising its budget; load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}`,
  );
  console.log("(the machine is shared with other engineers' work: figures are what one run saw)");
  for (const budget of budgets) {
    const name =
      `api ${budget.api.requests}/${budget.api.windowSeconds}s + resolvers ` +
      `${budget.resolvers.requests}/${budget.resolvers.windowSeconds}s`;
    const learned = await measure(budget, windows, false);
    const told = await measure(budget, windows, true);
    console.log(
      `${name} over ${windows} windows: learned api ${pct(learned.apiShare)} resolvers ` +
        `${pct(learned.resolversShare)} ` +
        `(429s: ${learned.rateLimited}); told with --rate (baseline) api ${pct(told.apiShare)} resolvers ` +
        `${pct(told.resolversShare)} (429s: ${told.rateLimited}); ratio learned/told api ` +
        `${(learned.apiShare / told.apiShare).toFixed(2)}`,
    );
  }
  console.log("whole-Hub sweep of 2,500,000 models at the Hub's tiers:");
  for (const tier of HUB_TIERS) {
    const estimate = estimateSweep(2_500_000, tier.rate);
    console.log(`  ${tier.name} (${tier.rate.limit}/${tier.rate.windowMs / 1000}s): ${estimate.text}`);
  }
  console.log(
    `load average after: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}`,
  );
}

void main();

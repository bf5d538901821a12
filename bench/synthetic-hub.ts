// Benchmark: build a synthetic Hub of N models (default 2.5M) and time typical replay requests over HTTP.
// Run: npx tsx bench/synthetic-hub.ts [models] [runs]
import { cpus, totalmem } from "node:os";
import { startHubReplay } from "../replay/hub-replay-server";
import { createSyntheticHub } from "../replay/synthetic-hub";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed(fn: () => Promise<unknown> | unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main(): Promise<void> {
  const models = Number(process.argv[2] ?? 2_500_000);
  const runs = Number(process.argv[3] ?? 3);
  console.log(
    `machine: ${cpus()[0]?.model} x${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
  );
  const builds: number[] = [];
  let hub = createSyntheticHub({ models: 1, seed: 1 });
  for (let k = 0; k < runs; k++) builds.push(await timed(() => (hub = createSyntheticHub({ models, seed: 1 }))));
  const shape = hub.shape();
  console.log(
    `build ${models} models: median ${median(builds).toFixed(0)} ms over ${runs}; rss ` +
      `${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
  );
  console.log(`shape: ${JSON.stringify(shape)}`);

  const replay = await startHubReplay({ store: hub });
  try {
    const get = (path: string) => async () => (await fetch(`${replay.url}${path}`)).arrayBuffer();
    const base = shape.largestFamilies[0].id;
    const first = await timed(get("/api/models?sort=createdAt&limit=500&expand=tags&expand=createdAt"));
    const sweep: number[] = [];
    let next: string | undefined = `${replay.url}/api/models?sort=createdAt&limit=500&expand=tags&expand=createdAt`;
    for (let k = 0; k < 20 && next; k++) {
      let res: Response | undefined;
      sweep.push(
        await timed(async () => {
          res = await fetch(next!);
          await res.arrayBuffer();
        }),
      );
      next = /<([^>]+)>/.exec(res!.headers.get("link") ?? "")?.[1];
    }
    const children = await timed(get(`/api/models?filter=base_model:${base}&limit=500&expand=tags`));
    const childrenAgain: number[] = [];
    for (let k = 0; k < 10; k++)
      childrenAgain.push(await timed(get(`/api/models?filter=base_model:${base}&limit=500&expand=tags`)));
    const infos: number[] = [];
    for (let k = 0; k < 50; k++)
      infos.push(await timed(get(`/api/models/${hub.id((k * 997) % models)}?expand=childrenModelCount&expand=tags`)));
    const readmes: number[] = [];
    for (let k = 0; k < 50; k++)
      readmes.push(await timed(get(`/${hub.id((k * 991) % models)}/resolve/main/README.md`)));
    console.log(
      `sweep page 1 (builds the createdAt order): ${first.toFixed(0)} ms; next pages of 500: median ` +
        `${median(sweep).toFixed(1)} ms`,
    );
    console.log(
      `children of ${base} (first page of 500): ${children.toFixed(0)} ms first, median ` +
        `${median(childrenAgain).toFixed(1)} ms cached`,
    );
    console.log(
      `model info: median ${median(infos).toFixed(2)} ms; README.md: median ${median(readmes).toFixed(2)} ms`,
    );
  } finally {
    await replay.close();
  }
}

void main();

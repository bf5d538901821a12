// Builds (once) and reopens a lineage database from the synthetic Hub, stored as the crawler would, for benchmarks.
import { existsSync, rmSync } from "node:fs";
import { parseHubRecord } from "../crawler/hub/parse-hub-record";
import { getState, setState } from "../db/crawl-state";
import { rebuildDescendantCounts } from "../db/counts/descendant-counts";
import { setParents } from "../db/edges";
import { upsertModels, type ModelInput } from "../db/models";
import { openDatabase, type Db } from "../db/open-database";
import type { EdgeSource, ParentLink } from "../lineage/types";
import type { SyntheticHub } from "../replay/synthetic-hub";

const BUILD_MARKER = "query-bench";
const NOW = "2026-07-01T00:00:00.000Z";
const BATCH = 20_000;

/** Stores every synthetic record as the crawler would, in batches of one transaction each. */
function buildDatabase(hub: SyntheticHub, path: string): void {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
  const db = openDatabase(path);
  const started = Date.now();
  for (let start = 0; start < hub.size; start += BATCH) {
    const parsed: ReturnType<typeof parseHubRecord>[] = [];
    for (let i = start; i < Math.min(hub.size, start + BATCH); i++) parsed.push(parseHubRecord(hub.record(i)));
    db.transaction(() => {
      upsertModels(
        db,
        parsed.flatMap((p): ModelInput[] => (p.model ? [{ ...p.model, newVersion: p.newVersion }] : [])),
        NOW,
      );
      for (const { model, parents } of parsed) {
        if (!model || !parents.length) continue;
        const bySource = new Map<EdgeSource, ParentLink[]>();
        for (const link of parents) bySource.set(link.source, [...(bySource.get(link.source) ?? []), link]);
        for (const [source, links] of bySource) setParents(db, model.id, source, links, NOW);
      }
    })();
    if ((start / BATCH) % 25 === 0)
      process.stderr.write(`  stored ${start + BATCH} models, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  }
  const counting = Date.now();
  rebuildDescendantCounts(db);
  process.stderr.write(
    `  stored in ${((counting - started) / 1000).toFixed(0)} s, ` +
      `counts rebuilt in ${((Date.now() - counting) / 1000).toFixed(0)} s\n`,
  );
  setState(db, BUILD_MARKER, `${hub.params.models}:${hub.params.seed}`, NOW);
  db.close();
}

/** The database of `hub` at `path`, built first when absent, built from another hub, or `rebuild` is asked. */
export function openSyntheticDatabase(hub: SyntheticHub, path: string, rebuild = false): Db {
  const marker = `${hub.params.models}:${hub.params.seed}`;
  const existing = existsSync(path) && !rebuild ? openDatabase(path) : null;
  if (existing && getState(existing, BUILD_MARKER) === marker) return existing;
  existing?.close();
  process.stderr.write(
    `building ${path} from the synthetic Hub (${hub.params.models} models, seed ${hub.params.seed})...\n`,
  );
  buildDatabase(hub, path);
  return openDatabase(path);
}

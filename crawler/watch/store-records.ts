// One listing page stored in one transaction: new models and known ones edited since, with their pending entries.
import { addPending, type PendingEntry } from "../../db/fork-events";
import { getModel } from "../../db/models";
import { idKey } from "../../lineage/id-key";
import type { RequestCounts } from "../crawl-context";
import type { ListedRecord } from "../hub/hub-client";
import { parseHubRecord } from "../hub/parse-hub-record";
import { ingestPage } from "../ingest-page";
import { declaredParents, detect, fileProblems, type PollContext } from "./poll-context";

/** What storing a page found; `oldestCreatedAt` tells the newest-first walk whether it reached its floor. */
export interface StoredPage {
  newModels: number;
  changed: number;
  problems: number;
  oldestCreatedAt: string | null;
}

/**
 * Stores one page of listed records in one transaction: the new ones, and known ones with a newer lastModified
 * (noting their parents before the re-read), with their pending entries. Unchanged known models are not written.
 * From the changes listing an unknown model created below the watermark is no new model but a change from no
 * known parents: it is an event only if its lineage now reaches a tracked family.
 */
export function storeRecords(
  ctx: PollContext,
  listing: "created" | "modified",
  records: ListedRecord[],
  now: string,
  spent: RequestCounts,
  extraProblems: [string, string][] = [],
): StoredPage {
  const { db, watermark } = ctx;
  return db.transaction(() => {
    const toStore: ListedRecord[] = [];
    const pending: PendingEntry[] = [];
    let changed = 0;
    let oldestCreatedAt: string | null = null;
    for (const record of records) {
      const { model } = parseHubRecord(record);
      if (model === null) {
        toStore.push(record); // ingestPage files the problem
        continue;
      }
      if (model.createdAt !== null && (oldestCreatedAt === null || model.createdAt < oldestCreatedAt))
        oldestCreatedAt = model.createdAt;
      const key = idKey(model.id);
      if (ctx.listed.has(key)) continue;
      ctx.listed.set(key, { id: model.id, createdAt: model.createdAt });
      const stored = getModel(db, model.id);
      const isKnown = stored !== null && stored.fetchedAt !== null;
      const isAboveWatermark = watermark !== null && model.createdAt !== null && model.createdAt > watermark.createdAt;
      const isNewer = isKnown
        ? model.lastModified !== null && (stored.lastModified === null || model.lastModified > stored.lastModified)
        : listing === "modified";
      if (!watermark?.ids.has(key) && (!isKnown || isAboveWatermark) && (listing === "created" || isAboveWatermark)) {
        pending.push({ model: model.id, kind: "new" });
        toStore.push(record);
      } else if (isNewer) {
        const parentsBefore = declaredParents(db, model.id);
        const rootsBefore = detect(ctx, model.id).map((found) => found.root);
        pending.push({ model: model.id, kind: "changed", parentsBefore, rootsBefore });
        toStore.push(record);
        changed++;
      }
    }
    addPending(db, pending);
    const result = ingestPage(db, toStore, {
      now,
      runId: ctx.runId,
      requests: spent.requests,
      retries: spent.retries,
      refreshCounts: false,
    });
    const problems = result.problems + fileProblems(ctx, now, extraProblems);
    return { newModels: pending.length - changed, changed, problems, oldestCreatedAt };
  })();
}

// The end of a poll: its pending models turned into events (new forks, families joined, lineage changes).
import {
  insertForkEvent,
  insertLineageChange,
  listPending,
  type ForkEvent,
  type LineageChange,
} from "../../db/fork-events";
import { getModel } from "../../db/models";
import type { TrackedAncestor } from "../../lineage/detect-forks";
import { idKey } from "../../lineage/id-key";
import { declaredParents, detect, sameParents, type PollContext } from "./poll-context";

export type WatchEvent = ({ type: "fork" } & ForkEvent) | ({ type: "lineage-changed" } & LineageChange);

/** Turns the pending models into events (new forks, families joined, lineage changes); returns those recorded. */
export function recordEvents(ctx: PollContext, seenAt: string): WatchEvent[] {
  const { db } = ctx;
  const events: WatchEvent[] = [];
  const record = (model: string, found: TrackedAncestor, kind: ForkEvent["kind"], createdAt: string | null) => {
    const event: ForkEvent = {
      model,
      root: found.root,
      kind,
      relation: found.relation,
      depth: found.depth,
      createdAt,
      seenAt,
    };
    if (insertForkEvent(db, event)) events.push({ type: "fork", ...event });
  };
  for (const entry of listPending(db)) {
    const model = getModel(db, entry.model);
    const id = model?.id ?? entry.model;
    if (entry.kind === "new") {
      for (const found of detect(ctx, id)) record(id, found, "new", entry.createdAt);
      continue;
    }
    const parentsAfter = declaredParents(db, id);
    if (sameParents(entry.parentsBefore, parentsAfter)) continue;
    const after = detect(ctx, id);
    const before = new Set(entry.rootsBefore.map(idKey));
    const roots = [
      ...entry.rootsBefore,
      ...after.map((found) => found.root).filter((root) => !before.has(idKey(root))),
    ];
    if (roots.length === 0) continue;
    const change: LineageChange = {
      model: id,
      lastModified: model?.lastModified ?? "",
      parentsBefore: entry.parentsBefore,
      parentsAfter,
      roots,
      seenAt,
    };
    if (insertLineageChange(db, change)) events.push({ type: "lineage-changed", ...change });
    for (const found of after) if (!before.has(idKey(found.root))) record(id, found, "joined", entry.createdAt);
  }
  return events;
}

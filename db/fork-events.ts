// The watcher's tables: new-fork events, lineage changes, and the poll in progress (watch_pending).
import type { Db } from "./open-database";
import type { Relation } from "../lineage/types";
import { idKey } from "../lineage/id-key";
import { prepared, preparedPluck } from "./statement-cache";
import { InvalidStoreInputError, assertId } from "./store-errors";

/** new: a model published after the watermark (or made public late); joined: an existing model whose changed
 *  base_model now puts it under the family. */
export type ForkKind = "new" | "joined";

/** A model entering a tracked family, as the watcher saw it. */
export interface ForkEvent {
  model: string;
  /** The tracked family (crawl seed or `watch --track` id). */
  root: string;
  kind: ForkKind;
  /** The relation of the model's own edge to its parent on its shortest path up to the root. */
  relation: Relation | null;
  /** Hops from the model up to the root (1 = a direct child). */
  depth: number;
  /** The model's createdAt on the Hub. */
  createdAt: string | null;
  /** When the watcher recorded it. */
  seenAt: string;
}

/** A stored event with its place in the feed (higher seq = recorded later). */
export interface StoredForkEvent extends ForkEvent {
  seq: number;
}

export interface ParentSummary {
  id: string;
  relation: Relation | null;
}

/** A model whose declared parents changed, under one or more tracked families (before or after). */
export interface LineageChange {
  model: string;
  /** The model's lastModified on the Hub when the change was seen ('' when the Hub did not say). */
  lastModified: string;
  parentsBefore: ParentSummary[];
  parentsAfter: ParentSummary[];
  roots: string[];
  seenAt: string;
}

export type PendingEntry =
  | { model: string; kind: "new" }
  | { model: string; kind: "changed"; parentsBefore: ParentSummary[]; rootsBefore: string[] };

/** A pending entry with the model's stored createdAt, as the end of a poll reads them. */
export type PendingModel = PendingEntry & { createdAt: string | null };

interface PendingRow {
  model: string;
  kind: "new" | "changed";
  parents_before: string | null;
  roots_before: string | null;
  created_at: string | null;
}

export interface ForkEventRow {
  seq: number;
  root: string;
  model: string;
  kind: ForkKind;
  relation: Relation | null;
  depth: number;
  created_at: string | null;
  seen_at: string;
}

interface LineageChangeRow {
  model: string;
  last_modified: string;
  parents_before: string;
  parents_after: string;
  roots: string;
  seen_at: string;
}

export const FORK_EVENT_COLUMNS = "seq, root, model, kind, relation, depth, created_at, seen_at";

const ADD_PENDING_SQL =
  "INSERT OR IGNORE INTO watch_pending (model, kind, parents_before, roots_before) VALUES (?, ?, ?, ?)";
// Oldest first, so that the events of one poll get seq numbers in creation order (the feed reads seq descending).
const LIST_PENDING_SQL = `
  SELECT p.model, p.kind, p.parents_before, p.roots_before, m.created_at
  FROM watch_pending p LEFT JOIN models m ON m.id = p.model
  ORDER BY m.created_at IS NULL, m.created_at, p.model`;
const DROP_PENDING_SQL = "DELETE FROM watch_pending WHERE model = ?";
const CLEAR_PENDING_SQL = "DELETE FROM watch_pending";
const INSERT_EVENT_SQL = `
  INSERT OR IGNORE INTO fork_events (root, model, kind, relation, depth, created_at, seen_at)
  VALUES (@root, @model, @kind, @relation, @depth, @createdAt, @seenAt)`;
const INSERT_CHANGE_SQL = `
  INSERT OR IGNORE INTO lineage_changes (model, last_modified, parents_before, parents_after, roots, seen_at)
  VALUES (?, ?, ?, ?, ?, ?)`;
const LIST_CHANGES_SQL = `
  SELECT model, last_modified, parents_before, parents_after, roots, seen_at FROM lineage_changes ORDER BY seq`;
// A pair already present under the new id wins; what is left under the old id is then a duplicate.
const RENAME_EVENT_MODELS_SQL = "UPDATE OR IGNORE fork_events SET model = ? WHERE model = ?";
const DELETE_EVENT_MODELS_SQL = "DELETE FROM fork_events WHERE model = ?";
const RENAME_EVENT_ROOTS_SQL = "UPDATE OR IGNORE fork_events SET root = ? WHERE root = ?";
const DELETE_EVENT_ROOTS_SQL = "DELETE FROM fork_events WHERE root = ?";
const NEWEST_CREATED_SQL = "SELECT max(created_at) FROM models";
const NEWEST_MODIFIED_SQL = "SELECT max(last_modified) FROM models";

/** Records models of the poll in progress; a model already pending keeps its first entry (and its "before"). */
export function addPending(db: Db, entries: PendingEntry[]): void {
  const add = prepared(db, ADD_PENDING_SQL);
  db.transaction(() => {
    for (const entry of entries) {
      assertId(entry.model, "addPending");
      if (entry.kind === "new") add.run(entry.model, "new", null, null);
      else add.run(entry.model, "changed", JSON.stringify(entry.parentsBefore), JSON.stringify(entry.rootsBefore));
    }
  })();
}

/** Every pending model, oldest createdAt first (unknown dates last), then by id. */
export function listPending(db: Db): PendingModel[] {
  return (prepared(db, LIST_PENDING_SQL).all() as PendingRow[]).map((row) =>
    row.kind === "new"
      ? { model: row.model, kind: "new", createdAt: row.created_at }
      : {
          model: row.model,
          kind: "changed",
          parentsBefore: JSON.parse(row.parents_before ?? "[]") as ParentSummary[],
          rootsBefore: JSON.parse(row.roots_before ?? "[]") as string[],
          createdAt: row.created_at,
        },
  );
}

export function dropPending(db: Db, model: string): void {
  prepared(db, DROP_PENDING_SQL).run(model);
}

export function clearPending(db: Db): void {
  prepared(db, CLEAR_PENDING_SQL).run();
}

/** Records the event unless (root, model) already has one (in any case); returns whether it was recorded. */
export function insertForkEvent(db: Db, event: ForkEvent): boolean {
  assertId(event.model, "insertForkEvent");
  assertId(event.root, "insertForkEvent");
  if (!Number.isSafeInteger(event.depth) || event.depth < 1) {
    throw new InvalidStoreInputError(
      `insertForkEvent: depth must be a whole number of at least 1, got ${event.depth}`,
      "depth",
      event.depth,
    );
  }
  return prepared(db, INSERT_EVENT_SQL).run({ ...event }).changes > 0;
}

/** Records the change unless this model already has one at this lastModified; returns whether it was recorded. */
export function insertLineageChange(db: Db, change: LineageChange): boolean {
  assertId(change.model, "insertLineageChange");
  return (
    prepared(db, INSERT_CHANGE_SQL).run(
      change.model,
      change.lastModified,
      JSON.stringify(change.parentsBefore),
      JSON.stringify(change.parentsAfter),
      JSON.stringify(change.roots),
      change.seenAt,
    ).changes > 0
  );
}

export function listLineageChanges(db: Db): LineageChange[] {
  return (prepared(db, LIST_CHANGES_SQL).all() as LineageChangeRow[]).map((row) => ({
    model: row.model,
    lastModified: row.last_modified,
    parentsBefore: JSON.parse(row.parents_before) as ParentSummary[],
    parentsAfter: JSON.parse(row.parents_after) as ParentSummary[],
    roots: JSON.parse(row.roots) as string[],
    seenAt: row.seen_at,
  }));
}

/** A renamed model keeps its events, as a model and as a family, under its new id (see recordAlias). */
export function renameInForkEvents(db: Db, oldId: string, newId: string): void {
  assertId(oldId, "renameInForkEvents");
  assertId(newId, "renameInForkEvents");
  if (idKey(oldId) === idKey(newId)) return;
  db.transaction(() => {
    prepared(db, RENAME_EVENT_MODELS_SQL).run(newId, oldId);
    prepared(db, DELETE_EVENT_MODELS_SQL).run(oldId);
    prepared(db, RENAME_EVENT_ROOTS_SQL).run(newId, oldId);
    prepared(db, DELETE_EVENT_ROOTS_SQL).run(oldId);
  })();
}

/** The newest createdAt among stored models (the first watermark after a crawl), or null when none has one. */
export function getNewestCreatedAt(db: Db): string | null {
  return (preparedPluck(db, NEWEST_CREATED_SQL).get() as string | null | undefined) ?? null;
}

/**
 * The newest lastModified among stored models (the first changes watermark after a crawl), or null when none has one.
 */
export function getNewestLastModified(db: Db): string | null {
  return (preparedPluck(db, NEWEST_MODIFIED_SQL).get() as string | null | undefined) ?? null;
}

export function toForkEvent(row: ForkEventRow): StoredForkEvent {
  return {
    seq: row.seq,
    model: row.model,
    root: row.root,
    kind: row.kind,
    relation: row.relation,
    depth: row.depth,
    createdAt: row.created_at,
    seenAt: row.seen_at,
  };
}

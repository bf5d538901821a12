// Reads of the new-fork feed: events newest first (by the order they were recorded), keyset-paginated on seq.
import type { Db } from "../open-database";
import type { Relation } from "../../lineage/types";
import { FORK_EVENT_COLUMNS, toForkEvent, type ForkEventRow, type StoredForkEvent } from "../fork-events";
import { prepared } from "../statement-cache";

export interface ForkQuery {
  /** Only events of this family, under this name or an old one (case-insensitively; pass the canonical id). */
  root?: string | null;
  relation?: Relation | null;
  /** Only events seen at or after this ISO instant. */
  since?: string | null;
  /** Only events recorded before this seq (the keyset cursor of the previous page). */
  beforeSeq?: number | null;
  limit: number;
}

export interface ForkPage {
  items: StoredForkEvent[];
  /** The seq to pass as beforeSeq for the next page; null on the last page. */
  nextBeforeSeq: number | null;
}

// seq only grows, so a page boundary never moves when events are added: later events go above the first page.
// Two statements rather than `@root IS NULL OR root = ...`, so that a family's feed walks fork_events_root. A family
// renamed after its events were recorded keeps them: its old names (aliases) match too.
const FILTERS = `
  (@relation IS NULL OR relation = @relation) AND (@since IS NULL OR seen_at >= @since) AND seq < @before`;
const ALL_SQL = `SELECT ${FORK_EVENT_COLUMNS} FROM fork_events WHERE ${FILTERS} ORDER BY seq DESC LIMIT @take`;
const OF_ROOT_SQL = `
  SELECT ${FORK_EVENT_COLUMNS} FROM fork_events
  WHERE root IN (SELECT @root UNION ALL SELECT old_id FROM aliases WHERE new_id = @root) AND ${FILTERS}
  ORDER BY seq DESC LIMIT @take`;

export function listForkEvents(db: Db, query: ForkQuery): ForkPage {
  const params = {
    root: query.root ?? null,
    relation: query.relation ?? null,
    since: query.since ?? null,
    before: query.beforeSeq ?? Number.MAX_SAFE_INTEGER,
    take: query.limit + 1,
  };
  const sql = params.root === null ? ALL_SQL : OF_ROOT_SQL;
  const rows = prepared(db, sql).all(params) as ForkEventRow[];
  const hasMore = rows.length > query.limit;
  const items = rows.slice(0, query.limit).map(toForkEvent);
  return { items, nextBeforeSeq: hasMore ? items[items.length - 1].seq : null };
}

// The counts_dirty table: which models' lineage changed since descendant_counts was last brought up to date.
import type { Db } from "../open-database";
import { prepared } from "../statement-cache";

// The first mark of a batch decides is_new: whether the model had no parent edge before the batch began.
const MARK_CHILD_SQL = "INSERT OR IGNORE INTO counts_dirty (id, is_new) VALUES (?, ?)";
const MARK_CHANGED_SQL = `
  INSERT INTO counts_dirty (id, is_new) VALUES (?, 0) ON CONFLICT (id) DO UPDATE SET is_new = 0`;

/** Marks a child whose parent edges changed; `hadParents` = it had at least one parent edge before the change. */
export function markChildDirty(db: Db, id: string, hadParents: boolean): void {
  prepared(db, MARK_CHILD_SQL).run(id, hadParents ? 0 : 1);
}

/** Marks a model whose own descendants changed (it lost a child edge, or was renamed): always fully recounted. */
export function markSubtreeDirty(db: Db, id: string): void {
  prepared(db, MARK_CHANGED_SQL).run(id);
}

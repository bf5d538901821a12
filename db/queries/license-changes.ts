// Licences along the lineage: a model's licence changes from its parents, and how many models below each model
// have at least one (walked up from the changed models, so the cost follows the changes, not the graph).
import { idKey } from "../../lineage/id-key";
import { licenseChangeKind, type LicenseChangeKind } from "../../lineage/license-family";
import type { Db } from "../open-database";
import { prepared } from "../statement-cache";
import { createParentReader, type EdgeScope } from "./edges";

export interface LicenseChange {
  parent: string;
  parentLicense: string;
  license: string;
  kind: LicenseChangeKind;
}

// Pairs whose two ends have licences that differ in more than case; licenseChangeKind decides the rest.
const DIFFERING = `
  FROM links AS l JOIN models AS c ON c.id = l.child JOIN models AS p ON p.id = l.parent
  WHERE (l.source <> 'inferred' OR @inferred) AND l.parent <> l.child
    AND c.license IS NOT NULL AND p.license IS NOT NULL AND lower(c.license) <> lower(p.license)`;
const CHANGES_OF_SQL = `
  SELECT p.id AS parent, p.license AS parentLicense, c.license AS license ${DIFFERING} AND l.child = @id
  ORDER BY l.parent`;
const ALL_CHANGES_SQL = `SELECT c.id AS child, p.license AS parentLicense, c.license AS license ${DIFFERING}`;

const LICENSES_SQL = "SELECT j.key, m.license FROM json_each(?) AS j LEFT JOIN models AS m ON m.id = j.value";

/** The stored licence of each id, in their order (null when unknown or not stored). */
export function readLicenses(db: Db, ids: string[]): (string | null)[] {
  const out: (string | null)[] = new Array(ids.length).fill(null);
  if (!ids.length) return out;
  for (const [at, license] of prepared(db, LICENSES_SQL).raw(true).all(JSON.stringify(ids)) as [
    number,
    string | null,
  ][])
    out[at] = license;
  return out;
}

/** The model's parents (links in scope) whose known licence differs from the model's own known licence. */
export function getLicenseChanges(db: Db, id: string, scope: EdgeScope): LicenseChange[] {
  const rows = prepared(db, CHANGES_OF_SQL).all({ id, inferred: scope.includeInferred ? 1 : 0 }) as Omit<
    LicenseChange,
    "kind"
  >[];
  return rows.flatMap((row) => {
    const kind = licenseChangeKind(row.parentLicense, row.license);
    return kind ? [{ ...row, kind }] : [];
  });
}

/**
 * For every model with at least one, the number of distinct models below it (through links in scope) that have
 * a licence change from one of their parents. Keyed by idKey. Callers cache it per data version.
 */
export function countLicenseChangesBelow(db: Db, scope: EdgeScope): Map<string, number> {
  const changed = new Map<string, string>();
  const rows = prepared(db, ALL_CHANGES_SQL).all({ inferred: scope.includeInferred ? 1 : 0 }) as {
    child: string;
    parentLicense: string;
    license: string;
  }[];
  for (const row of rows) {
    if (licenseChangeKind(row.parentLicense, row.license)) changed.set(idKey(row.child), row.child);
  }
  const readParents = createParentReader(db, scope);
  // Changed models of one family share their ancestors: each model's parents are read once, not once per walk.
  const parentsRead = new Map<string, string[]>();
  const parentsOf = (id: string) => {
    const key = idKey(id);
    let parents = parentsRead.get(key);
    if (!parents) {
      parents = readParents(id).map((link) => link.parent);
      parentsRead.set(key, parents);
    }
    return parents;
  };
  const below = new Map<string, number>();
  for (const [start, id] of changed) {
    // Each ancestor counts this model once, however many paths lead to it (and a cycle ends).
    const seen = new Set<string>([start]);
    const queue = [id];
    for (let head = 0; head < queue.length; head++) {
      for (const parent of parentsOf(queue[head])) {
        const key = idKey(parent);
        if (seen.has(key)) continue;
        seen.add(key);
        below.set(key, (below.get(key) ?? 0) + 1);
        queue.push(parent);
      }
    }
  }
  return below;
}

// What is built on an org: the distinct models by other authors below any of its models, per relation and maker.
import type { Db } from "../open-database";
import { idKey } from "../../lineage/id-key";
import type { RelationCounts } from "../counts/descendant-counts";
import { emptyCounts } from "./counts";
import { walkDescendants } from "./descendants";
import type { EdgeScope } from "./edges";
import { countGrowth, type Growth } from "./growth";
import { readNodesWithCounts } from "./nodes";
import { preparedPluck } from "../statement-cache";

export interface OrgDerivatives extends RelationCounts {
  /** Distinct authors of the derivatives. */
  authors: number;
  /** The authors with the most derivatives, most first (ties by name); at most `topAuthors`. */
  topAuthors: { author: string; models: number }[];
  /** The derivatives per creation month. */
  growth: Growth;
}

const AUTHOR_MODEL_IDS = "SELECT id FROM models WHERE author = ?";

/**
 * Each derivative counts once, under its relation as a descendant (relationAsDescendant), as in org_counts
 * (db/counts/org-counts.ts): a stored model whose author is not `author`, below one of the author's stored models.
 */
export function getOrgDerivatives(
  db: Db,
  author: string,
  options: EdgeScope & { topAuthors: number; now: Date },
): OrgDerivatives {
  const own = preparedPluck(db, AUTHOR_MODEL_IDS).all(author) as string[];
  const owner = idKey(author);
  const members = own.length ? walkDescendants(db, own, options) : [];
  const nodes = readNodesWithCounts(
    db,
    members.map((m) => m.id),
    new Int32Array(members.length),
  );
  const counts = emptyCounts();
  const byMaker = new Map<string, { author: string; models: number }>();
  const derivatives: { relation: (typeof members)[number]["relation"]; createdAt: string | null }[] = [];
  members.forEach((member, i) => {
    const node = nodes[i];
    if (!node.isStored || node.author === null || idKey(node.author) === owner) return;
    counts.total += 1;
    if (member.relation) counts[member.relation] += 1;
    derivatives.push({ relation: member.relation, createdAt: node.createdAt });
    const maker = byMaker.get(idKey(node.author)) ?? { author: node.author, models: 0 };
    maker.models += 1;
    byMaker.set(idKey(node.author), maker);
  });
  const topAuthors = [...byMaker.values()]
    .sort((a, b) => b.models - a.models || (idKey(a.author) < idKey(b.author) ? -1 : 1))
    .slice(0, options.topAuthors);
  return {
    ...counts,
    authors: byMaker.size,
    topAuthors,
    growth: countGrowth(derivatives, { interval: "month", now: options.now }),
  };
}

// One export link per (parent, child) pair, from the pair's edges rows (one per source): its relation from the
// strongest source, every source kept as evidence.
import type { EdgeSource, Evidence, Relation } from "../../lineage/types";
import { idKey } from "../../lineage/id-key";
import { isStrongerSource } from "../../lineage/source-precedence";
import type { EdgeRow } from "../edges";

/** What one source says of a pair. */
export interface LinkSource {
  source: EdgeSource;
  relation: Relation | null;
  confidence: number;
  evidence?: Evidence[];
}

export interface ExportLink {
  parent: string;
  child: string;
  /** The strongest source's relation, source and confidence. */
  relation: Relation | null;
  source: EdgeSource;
  confidence: number;
  /** Every source of the pair, strongest first. */
  sources: LinkSource[];
}

/**
 * Groups rows that arrive pair by pair (any source order), in pages, into pages of links: a pair whose rows straddle
 * two pages is given with the later page, so each page of rows gives one page of links (maybe empty).
 */
export function* groupLinks(pages: Iterable<EdgeRow[]>): Generator<ExportLink[]> {
  let held: EdgeRow[] = [];
  for (const rows of pages) {
    const links: ExportLink[] = [];
    for (const row of rows) {
      const first = held[0];
      if (first && (idKey(first.parent) !== idKey(row.parent) || idKey(first.child) !== idKey(row.child))) {
        links.push(toLink(held));
        held = [];
      }
      held.push(row);
    }
    yield links;
  }
  if (held.length) yield [toLink(held)];
}

function toLink(rows: EdgeRow[]): ExportLink {
  const sorted = [...rows].sort((a, b) => (isStrongerSource(a.source, b.source) ? -1 : 1));
  const best = sorted[0];
  return {
    parent: best.parent,
    child: best.child,
    relation: best.relation,
    source: best.source,
    confidence: best.confidence,
    sources: sorted.map((row) => ({
      source: row.source,
      relation: row.relation,
      confidence: row.confidence,
      ...(row.evidence === null ? {} : { evidence: JSON.parse(row.evidence) as Evidence[] }),
    })),
  };
}

/** The sources as one CSV/XML field: `source:relation:confidence` joined by `;` (relation empty when none). */
export function sourcesField(link: ExportLink): string {
  return link.sources.map((s) => `${s.source}:${s.relation ?? ""}:${s.confidence}`).join(";");
}

// Words for what a truncated slice left out ("1,234 more in generation 2"), so hidden models are never silent.
import { formatCount } from "./format";

export interface Omitted {
  generation: number;
  count: number;
}

function generationName(generation: number): string {
  if (generation < 0) return `ancestor generation ${-generation}`;
  return `generation ${generation}`;
}

/** One phrase per generation that lost models, nearest generations first. */
export function describeOmitted(omitted: Omitted[]): string[] {
  return omitted
    .filter((entry) => entry.count > 0)
    .sort((a, b) => Math.abs(a.generation) - Math.abs(b.generation) || a.generation - b.generation)
    .map((entry) => `${formatCount(entry.count)} more in ${generationName(entry.generation)}`);
}

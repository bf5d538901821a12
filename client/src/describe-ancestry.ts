// What the panel says about the roots above a model: each root, and how many generations above the levels the
// graph shows (so a chain cut at "↑ ancestors 3" does not read as ending there).

export interface RootLine {
  root: string;
  /** Null when the root is within the shown levels (or is the model itself). */
  beyond: string | null;
}

/**
 * @param rootDepths each root with its fewest hops up from the model (0 for the model itself)
 * @param shownUp ancestor levels above the model that the graph draws
 */
export function describeRoots(rootDepths: ReadonlyArray<{ root: string; depth: number }>, shownUp: number): RootLine[] {
  return rootDepths.map(({ root, depth }) => {
    const more = depth - Math.max(0, shownUp);
    if (more <= 0) return { root, beyond: null };
    return { root, beyond: `… and ${more} more ${more === 1 ? "generation" : "generations"} up to ${root}` };
  });
}

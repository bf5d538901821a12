// The words for how far below its root a fork sits, for the fork rows (the Atom feed says the same through
// server/describe-fork.ts): a depth-4 model must not read as a direct child.

/** "direct child" or "4 generations below". */
export function describeDepth(depth: number): string {
  return depth <= 1 ? "direct child" : `${depth} generations below`;
}

// Waits until text read from a running process (its captured output) matches a pattern, or fails with that text.

/** Polls `read()` every 50 ms until `pattern` matches it; throws with the text seen after `ms`. */
export async function waitForText(read: () => string, pattern: RegExp, ms: number): Promise<RegExpExecArray> {
  const until = Date.now() + ms;
  for (;;) {
    const match = pattern.exec(read());
    if (match) return match;
    if (Date.now() > until) throw new Error(`timed out waiting for ${pattern} in:\n${read()}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

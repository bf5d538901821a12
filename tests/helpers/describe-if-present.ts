// `describe` when what a suite needs (data beside the project, a browser) is present; otherwise a skipped suite
// that says, loudly, what is missing.

export interface Requirement {
  isPresent: boolean;
  /** Short name of what is needed, for the skipped suite's title. */
  label: string;
  /** What is missing and how to get it, printed on stderr. */
  missing: string;
}

export function describeIfPresent(name: string, requirements: Requirement[], fn: () => void): void {
  const absent = requirements.filter((requirement) => !requirement.isPresent);
  if (absent.length === 0) {
    describe(name, fn);
    return;
  }
  process.stderr.write(`SKIPPED "${name}": ${absent.map((requirement) => requirement.missing).join("; ")}\n`);
  const labels = absent.map((requirement) => requirement.label).join(", ");
  // The suite's body is not even collected: it may read what is missing while declaring its tests. One skipped
  // entry stands for it, so jest's summary counts it as skipped.
  describe.skip(`${name} [skipped: ${labels} absent]`, () => {
    it.skip(`needs ${labels}`, () => undefined);
  });
}

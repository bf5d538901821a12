// Locates ../shared/hub-data (the real recorded Hub data) and skips, loudly, the suites that need it when absent.
import { existsSync } from "node:fs";
import { resolve } from "node:path";

export const HUB_DATA = resolve(__dirname, "../../../shared/hub-data");
export const HAS_HUB_DATA = existsSync(resolve(HUB_DATA, "README.md"));

/** `describe` when ../shared/hub-data is present; otherwise a skipped suite that says why on stderr. */
export function describeWithHubData(name: string, fn: () => void): void {
  if (HAS_HUB_DATA) {
    describe(name, fn);
    return;
  }
  process.stderr.write(`SKIPPED "${name}": ${HUB_DATA} is absent (real Hub data is only beside the project)\n`);
  // The suite's body is not even collected: it reads the data while declaring its tests. One skipped entry stands
  // for it, so jest's summary counts it as skipped.
  describe.skip(`${name} [skipped: ../shared/hub-data absent]`, () => {
    it.skip("needs ../shared/hub-data beside the project", () => undefined);
  });
}

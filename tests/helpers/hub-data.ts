// Locates ../shared/hub-data (the real recorded Hub data) and skips, loudly, the suites that need it when absent.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { describeIfPresent, type Requirement } from "./describe-if-present";

export const HUB_DATA = resolve(__dirname, "../../../shared/hub-data");
export const HAS_HUB_DATA = existsSync(resolve(HUB_DATA, "README.md"));

export const HUB_DATA_REQUIREMENT: Requirement = {
  isPresent: HAS_HUB_DATA,
  label: "../shared/hub-data",
  missing: `${HUB_DATA} is absent (real Hub data is only beside the project)`,
};

/** `describe` when ../shared/hub-data is present; otherwise a skipped suite that says why on stderr. */
export function describeWithHubData(name: string, fn: () => void): void {
  describeIfPresent(name, [HUB_DATA_REQUIREMENT], fn);
}

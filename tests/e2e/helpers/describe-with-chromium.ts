// Browser suites: `describe` when Chromium is where launchChromium looks for it, else reported as skipped.
import { existsSync } from "node:fs";
import { describeIfPresent, type Requirement } from "../../helpers/describe-if-present";
import { CHROMIUM_PATH } from "./launch-chromium";

export const CHROMIUM_REQUIREMENT: Requirement = {
  isPresent: existsSync(CHROMIUM_PATH),
  label: "Chromium",
  missing: `no Chromium at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH)`,
};

/** `others`: what else the suite needs (such as HUB_DATA_REQUIREMENT). */
export function describeWithChromium(name: string, fn: () => void, others: Requirement[] = []): void {
  describeIfPresent(name, [CHROMIUM_REQUIREMENT, ...others], fn);
}

// Writes a README.md (YAML front matter + a short body) for records the replay builds, matching their cardData.
import { stringify as stringifyYaml } from "yaml";

/** Front matter is `cardData` itself, so a card parser and the record agree on the declared lineage. */
export function composeCard(cardData: Record<string, unknown>, title: string, note: string): string {
  const front = Object.keys(cardData).length ? `---\n${stringifyYaml(cardData)}---\n\n` : "";
  return `${front}# ${title}\n\n${note}\n`;
}

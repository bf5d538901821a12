// Serves case-studies/*.md (real cards of models outside the recorded trees, e.g. skt/A.X-4.0) as models with a card.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { splitFrontMatter } from "../lineage/card/split-front-matter";
import { parseCardData } from "./convert-tree-metadata";
import type { StoredEntry } from "./record-store";
import { objectIdFor, sha1Hex } from "./wire-ids";

/**
 * One entry per card: the record holds only what the card itself says (id, owner, library, pipeline, licence,
 * languages as tags; its front matter as cardData) and no `base_model` tag, as on the Hub, so a crawler finds the
 * lineage only by reading the card. No creation date is recorded, so none is served (a cutoff never hides it).
 * The id is the front matter's `model_id`, else the file name with its first `_` read as `/`.
 */
export function caseStudyEntries(dir: string): StoredEntry[] {
  const folder = join(dir, "case-studies");
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((file) => file.endsWith(".md"))
    .sort()
    .map((file) => {
      const card = readFileSync(join(folder, file), "utf8");
      const front = parseCardData(splitFrontMatter(card).frontMatter) ?? {};
      const fromName = basename(file, ".md").replace("_", "/");
      const id = typeof front.model_id === "string" && front.model_id.includes("/") ? front.model_id : fromName;
      const text = (key: string) => (typeof front[key] === "string" ? (front[key] as string) : undefined);
      const languages = Array.isArray(front.language) ? front.language.filter((l) => typeof l === "string") : [];
      const license = text("license");
      const tags = [
        text("library_name"),
        text("pipeline_tag"),
        ...languages,
        license ? `license:${license}` : undefined,
        "region:us",
      ].filter((tag): tag is string => tag !== undefined);
      const fields: [string, unknown][] = [
        ["_id", objectIdFor(0, id)],
        ["id", id],
        ["private", false],
        ["pipeline_tag", text("pipeline_tag")],
        ["library_name", text("library_name")],
        ["tags", tags],
        ["downloads", 0],
        ["likes", 0],
        ["modelId", id],
        ["author", id.slice(0, id.indexOf("/"))],
        ["sha", sha1Hex(`${id}@main`)],
        ["gated", false],
        ["disabled", false],
        ["cardData", front],
        ["siblings", [".gitattributes", "README.md", "config.json"].map((f) => ({ rfilename: f }))],
      ];
      const record: Record<string, unknown> = {};
      for (const [key, value] of fields) if (value !== undefined) record[key] = value;
      return { record: record as StoredEntry["record"], card };
    });
}

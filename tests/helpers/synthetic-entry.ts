// A synthetic model for a Hub replay store: a plausible record declaring `parents` through its tags, and its card.
import type { Relation } from "../../lineage/types";
import { buildBaseModelTags } from "../../replay/base-model-tags";
import type { StoredEntry } from "../../replay/record-store";
import { objectIdFor, sha1Hex } from "../../replay/wire-ids";

export function syntheticEntry(id: string, parents: { id: string; relation: Relation }[], card: string): StoredEntry {
  const createdAt = "2025-03-10T09:00:00.000Z";
  const record = {
    _id: objectIdFor(Date.parse(createdAt), id),
    id,
    author: id.split("/")[0],
    private: false,
    pipeline_tag: "text-generation",
    library_name: "transformers",
    tags: ["transformers", "safetensors", "text-generation", ...buildBaseModelTags(parents), "region:us"],
    downloads: 12,
    likes: 1,
    sha: sha1Hex(`${id}@main`),
    lastModified: createdAt,
    createdAt,
    siblings: [{ rfilename: ".gitattributes" }, { rfilename: "README.md" }],
  };
  return { record, card };
}

// Picks a model's Hub fields out of any wider record, so writers and views list them in one place.
import type { ModelFields } from "../lineage/types";

/** Exactly the ModelFields of `model`, in declaration order: extra properties (crawl timestamps...) stay behind. */
export function pickModelFields(model: ModelFields): ModelFields {
  return {
    id: model.id,
    author: model.author,
    createdAt: model.createdAt,
    lastModified: model.lastModified,
    downloads: model.downloads,
    likes: model.likes,
    pipelineTag: model.pipelineTag,
    libraryName: model.libraryName,
    license: model.license,
    gated: model.gated,
    private: model.private,
    sha: model.sha,
  };
}

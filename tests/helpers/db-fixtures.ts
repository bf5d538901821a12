// Test fixtures for the store's specs: a fresh in-memory database, model records and parent links.
import { openDatabase, type Db } from "../../db/open-database";
import type { ModelInput } from "../../db/models";
import type { EdgeSource, ParentLink, Relation } from "../../lineage/types";

export const NOW = "2025-01-01T00:00:00.000Z";
export const LATER = "2025-02-01T00:00:00.000Z";

export function freshDb(): Db {
  return openDatabase(":memory:");
}

export function modelRecord(id: string, fields: Partial<ModelInput> = {}): ModelInput {
  return {
    id,
    author: id.includes("/") ? id.split("/")[0] : null,
    createdAt: "2024-05-01T00:00:00.000Z",
    lastModified: "2024-06-01T00:00:00.000Z",
    downloads: 10,
    likes: 1,
    pipelineTag: "text-generation",
    libraryName: "transformers",
    license: "apache-2.0",
    gated: false,
    private: false,
    sha: "abc123",
    ...fields,
  };
}

export function link(id: string, relation: Relation | null, source: EdgeSource = "tag", confidence = 1): ParentLink {
  return { id, relation, source, confidence };
}

// Wire types of the Hub's model record JSON (`/api/models`, `/api/models/<id>`), spelled as the Hub sends them.
// Domain types live in lineage/types.ts; crawler/hub/parse-hub-record.ts is the one place that maps the one to the
// other.
// Every field is optional: the list route sends fewer fields than the single-model route, and records saved by
// the Python client (huggingface_hub's ModelInfo) use snake_case twins and keep `cardData` as a YAML string.

/** Card metadata as the Hub mirrors it from a README's front matter. Values are whatever the author wrote. */
export interface HubCardData {
  base_model?: string | string[] | null;
  base_model_relation?: string;
  new_version?: string;
  license?: string | string[];
  library_name?: string;
  datasets?: string | string[];
  language?: string | string[];
  tags?: string | string[];
  quantized_by?: string;
  [key: string]: unknown;
}

export interface HubModelRecord {
  _id?: string;
  id?: string;
  /** Older twin of `id`, still sent by the list route. */
  modelId?: string;
  author?: string;
  sha?: string;
  createdAt?: string;
  created_at?: string;
  lastModified?: string;
  last_modified?: string;
  private?: boolean;
  /** `false`, `"auto"` or `"manual"`. */
  gated?: boolean | "auto" | "manual";
  disabled?: boolean;
  downloads?: number;
  likes?: number;
  library_name?: string;
  pipeline_tag?: string;
  /** Includes the Hub's derived `base_model:<id>`, `base_model:<relation>:<id>` and `license:<id>` tags. */
  tags?: string[];
  /** An object from the Hub; a YAML string in records saved by the Python client. */
  cardData?: HubCardData | string;
  card_data?: HubCardData | string;
  [key: string]: unknown;
}

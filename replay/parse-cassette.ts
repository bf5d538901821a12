// Reads a VCR cassette (api-responses/*.yaml) for what the Hub answered on /api/models/<id>: records and renames.
import { parse as parseYaml } from "yaml";
import type { WireModel } from "./hub-store";
import { HubDataError } from "./replay-errors";

export interface CassetteFindings {
  records: WireModel[];
  /** old id -> new id, from 307 answers whose Location is another /api/models/<id>. */
  renames: Map<string, string>;
}

interface Interaction {
  request?: { method?: string; uri?: string };
  response?: { status?: { code?: number }; headers?: Record<string, unknown>; body?: { string?: unknown } };
}

const MODEL_ROUTE = /^https:\/\/huggingface\.co\/api\/models\/([^?#]+)$/;

function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const entry = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
  const value = Array.isArray(entry) ? entry[0] : entry;
  return typeof value === "string" ? value : undefined;
}

export function parseCassette(text: string, where: string): CassetteFindings {
  let doc: { interactions?: Interaction[] };
  try {
    doc = parseYaml(text) as { interactions?: Interaction[] };
  } catch (err) {
    throw new HubDataError(where, `not YAML: ${(err as Error).message}`);
  }
  if (!doc || !Array.isArray(doc.interactions)) throw new HubDataError(where, "no interactions list");
  const findings: CassetteFindings = { records: [], renames: new Map() };
  for (const { request, response } of doc.interactions) {
    const route = MODEL_ROUTE.exec(request?.uri ?? "");
    if (request?.method !== "GET" || !route || !response) continue;
    const requested = decodeURIComponent(route[1]);
    const status = response.status?.code;
    if (status === 307) {
      const location = headerValue(response.headers, "Location") ?? "";
      const target = /^\/api\/models\/([^?#]+)/.exec(location);
      if (target) findings.renames.set(requested, decodeURIComponent(target[1]));
    } else if (status === 200 && typeof response.body?.string === "string") {
      let record: unknown;
      try {
        record = JSON.parse(response.body.string);
      } catch {
        throw new HubDataError(where, `the 200 answer for ${requested} is not JSON`);
      }
      const r = record as WireModel;
      if (typeof r?.id !== "string" || typeof r._id !== "string") {
        throw new HubDataError(where, `the 200 answer for ${requested} is not a model record`);
      }
      findings.records.push(r);
    }
  }
  return findings;
}

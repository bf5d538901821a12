// The OpenAPI document as a plain, self-contained HTML page for /api/docs (no scripts, no external assets).
import type { OpenApiDocument } from "./openapi-document";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Inline code spans (`x`) of the descriptions, over already escaped text. */
function withCode(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, "<code>$1</code>");
}

function schemaSummary(schema: Record<string, unknown>): string {
  const parts: string[] = [String(schema.type ?? "string")];
  if (Array.isArray(schema.enum)) parts.push(`one of ${schema.enum.join(", ")}`);
  if (schema.default !== undefined) parts.push(`default ${String(schema.default)}`);
  if (schema.minimum !== undefined && schema.maximum !== undefined)
    parts.push(`${String(schema.minimum)}–${String(schema.maximum)}`);
  if (schema.maxLength !== undefined) parts.push(`at most ${String(schema.maxLength)} characters`);
  return parts.join("; ");
}

export function renderDocsPage(doc: OpenApiDocument): string {
  const sections = Object.entries(doc.paths).map(([path, { get: op }]) => {
    const rows = op.parameters
      .map(
        (p) =>
          `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${p.in}${p.required ? ", required" : ""}</td><td>${escapeHtml(schemaSummary(p.schema))}</td><td>${withCode(p.description)}</td></tr>`,
      )
      .join("\n");
    const responses = Object.entries(op.responses)
      .map(([status, r]) => `<li><b>${status}</b> ${withCode(r.description)}</li>`)
      .join("");
    return `<section id="${escapeHtml(path)}">
<h2><code>GET ${escapeHtml(path)}</code></h2>
<p><b>${withCode(op.summary)}</b>${op.description ? `. ${withCode(op.description)}` : ""}</p>
${op.parameters.length ? `<table><tr><th>parameter</th><th>in</th><th>type</th><th>meaning</th></tr>\n${rows}</table>` : ""}
<ul>${responses}</ul>
</section>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(doc.info.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}code{background:#f4f4f4}</style>
</head><body>
<h1>${escapeHtml(doc.info.title)}</h1>
<p>${withCode(doc.info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${doc.openapi}).</p>
<nav><ul>${Object.keys(doc.paths)
    .map((p) => `<li><a href="#${escapeHtml(p)}"><code>${escapeHtml(p)}</code></a></li>`)
    .join("")}</ul></nav>
${sections.join("\n")}
</body></html>
`;
}

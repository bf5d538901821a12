// The one test for "a plain JSON/YAML object" (not null, not an array) used wherever untyped input is read.

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

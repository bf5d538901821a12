// Human-readable numbers and dates for the UI (pure; fixed en-US locale so tests and screenshots are stable).
const EXACT = new Intl.NumberFormat("en-US");
const COMPACT = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const DATE = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
const MONTH = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "short", timeZone: "UTC" });

/** "12,345", or an em dash when the value is unknown. */
export function formatCount(value: number | null | undefined): string {
  return typeof value === "number" && Number.isFinite(value) ? EXACT.format(value) : "—";
}

/** "12.3K" for tight spots such as table cells. */
export function formatCompact(value: number | null | undefined): string {
  return typeof value === "number" && Number.isFinite(value) ? COMPACT.format(value) : "—";
}

/** "Mar 2, 2024" (UTC) from an ISO date, or an em dash when absent or unparsable. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const time = Date.parse(iso);
  return Number.isNaN(time) ? "—" : DATE.format(time);
}

/** "Mar 2024" for a period start. */
export function formatMonth(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : MONTH.format(time);
}

const DATE_TIME = new Intl.DateTimeFormat("en-US", {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

/** The createdAt the Hub gives every repo older than its records: a placeholder, not a date. */
export const HUB_PLACEHOLDER_CREATED_AT = "2022-03-02T23:29:04.000Z";

/** A Hub creation date: like formatDate, but the Hub's placeholder reads "unknown date". */
export function formatCreated(iso: string | null | undefined): string {
  if (iso && Date.parse(iso) === Date.parse(HUB_PLACEHOLDER_CREATED_AT)) return "unknown date";
  return formatDate(iso);
}

/** "Mar 2, 2024, 14:05 UTC" from an ISO date-time, or an em dash when absent or unparsable. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const time = Date.parse(iso);
  return Number.isNaN(time) ? "—" : `${DATE_TIME.format(time)} UTC`;
}

/** The singular or plural word for a count ("1 derivative", "2 derivatives"). */
export function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

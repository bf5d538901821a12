// Human-readable numbers and dates for the UI (pure; fixed en-US locale so tests and screenshots are stable).

/**
 * A formatter made when first used: a page's first Intl formatter loads locale data (50–100 ms of the main thread
 * under software GL on a loaded machine), which the model page's first frame should not wait for.
 */
function lazy<T>(create: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= create();
    return value;
  };
}

const EXACT = lazy(() => new Intl.NumberFormat("en-US"));
const COMPACT = lazy(() => new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 }));
const DATE = lazy(
  () => new Intl.DateTimeFormat("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }),
);
const MONTH = lazy(() => new Intl.DateTimeFormat("en-US", { year: "numeric", month: "short", timeZone: "UTC" }));

/** A whole number grouped by thousands as en-US writes it ("-12,345"), without Intl. */
function groupThousands(value: number): string {
  const digits = String(Math.abs(value));
  let grouped = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) grouped += ",";
    grouped += digits[i];
  }
  return value < 0 ? `-${grouped}` : grouped;
}

/** "12,345", or an em dash when the value is unknown. */
export function formatCount(value: number | null | undefined): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return "—";
  // Counts are whole numbers: the header's "N models" needs no Intl (see lazy).
  return Number.isSafeInteger(value) ? groupThousands(value) : EXACT().format(value);
}

/** "12.3K" for tight spots such as table cells. */
export function formatCompact(value: number | null | undefined): string {
  return typeof value === "number" && Number.isFinite(value) ? COMPACT().format(value) : "—";
}

/** "Mar 2, 2024" (UTC) from an ISO date, or an em dash when absent or unparsable. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const time = Date.parse(iso);
  return Number.isNaN(time) ? "—" : DATE().format(time);
}

/** "Mar 2024" for a period start. */
export function formatMonth(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : MONTH().format(time);
}

const DATE_TIME = lazy(
  () =>
    new Intl.DateTimeFormat("en-US", {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone: "UTC",
    }),
);

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
  return Number.isNaN(time) ? "—" : `${DATE_TIME().format(time)} UTC`;
}

/** The singular or plural word for a count ("1 derivative", "2 derivatives"). */
export function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

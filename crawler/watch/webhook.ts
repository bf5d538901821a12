// The watcher's optional webhook: POSTs each event as JSON from a bounded in-memory queue, in order, retrying
// failures with capped, jittered exponential backoff in the background, so a slow or failing receiver never
// holds up polling.
import { abortableSleep } from "../../common/abortable-sleep";
import { backoffWithJitter } from "../../common/backoff";

export interface WebhookOptions {
  url: string;
  fetch?: typeof fetch;
  /** Events waiting at most; past it the oldest waiting one is dropped (and counted), never the watcher blocked. */
  maxQueue?: number;
  /** Tries per event, the first included; then the event is given up (and counted). */
  maxAttempts?: number;
  /** First retry waits about this long; each further one twice as long, up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A POST with no complete answer after this long counts as failed. */
  timeoutMs?: number;
  /** Source of jitter in [0, 1). */
  random?: () => number;
  onLog?: (log: WebhookLog) => void;
}

export type WebhookLog =
  | { type: "delivered"; attempts: number }
  | { type: "retry"; attempt: number; waitMs: number; reason: string }
  | { type: "gave-up"; attempts: number; reason: string }
  | { type: "dropped"; reason: "queue-full" };

export interface WebhookStats {
  delivered: number;
  /** Given up after maxAttempts, or refused for good (a 4xx other than 408/425/429). */
  failed: number;
  /** Dropped from a full queue. */
  dropped: number;
  retries: number;
  /** Waiting or being delivered now. */
  pending: number;
}

export interface WebhookSender {
  /** Queues the event and returns at once. */
  send(event: unknown): void;
  /** Resolves true once everything queued is delivered or given up, false if `timeoutMs` passes first. */
  drain(timeoutMs: number): Promise<boolean>;
  /** Stops at once: the POST in flight and any backoff wait are cut short; what is left stays undelivered. */
  close(): void;
  stats(): WebhookStats;
}

export const WEBHOOK_DEFAULTS = {
  maxQueue: 1000,
  maxAttempts: 8,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  timeoutMs: 10_000,
};

export class WebhookConfigError extends Error {
  constructor(
    message: string,
    readonly value: string,
  ) {
    super(message);
    this.name = "WebhookConfigError";
  }
}

/** An http(s) URL without credentials in it; throws WebhookConfigError otherwise. */
export function validateWebhookUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new WebhookConfigError(`webhook URL "${text}" is not a URL: give one like https://example.com/hook`, text);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new WebhookConfigError(`webhook URL "${text}" must use http or https`, text);
  }
  return url.href;
}

/** Statuses worth retrying: the receiver is busy or down, not refusing the event itself. */
function isRetryable(status: number): boolean {
  return status >= 500 || status === 408 || status === 425 || status === 429;
}

export function createWebhookSender(options: WebhookOptions): WebhookSender {
  const url = validateWebhookUrl(options.url);
  const settings = { ...WEBHOOK_DEFAULTS, ...definedOnly(options) };
  for (const key of ["maxQueue", "maxAttempts", "baseDelayMs", "maxDelayMs", "timeoutMs"] as const) {
    const value = settings[key];
    const isCount = key === "maxQueue" || key === "maxAttempts";
    if (!Number.isSafeInteger(value) || value < (isCount ? 1 : 0)) {
      throw new WebhookConfigError(
        `webhook ${key} must be a whole number${isCount ? " of at least 1" : " of 0 or more"}`,
        String(value),
      );
    }
  }
  const post = options.fetch ?? globalThis.fetch;
  const random = options.random ?? Math.random;
  const log = options.onLog ?? (() => undefined);
  const closing = new AbortController();
  const queue: string[] = [];
  const stats = { delivered: 0, failed: 0, dropped: 0, retries: 0 };
  let inFlight = 0;
  let pumping: Promise<void> | null = null;
  let idleWaiters: (() => void)[] = [];

  /** One POST: "ok", "refused" (do not retry) or the reason to retry. */
  async function postOnce(body: string): Promise<{ outcome: "ok" | "refused" | "retry"; reason: string }> {
    const signal = AbortSignal.any([closing.signal, AbortSignal.timeout(settings.timeoutMs)]);
    try {
      const response = await post(url, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "hf-lineage-watch" },
        body,
        signal,
      });
      // The answer's body is not read: drop it so the connection can be reused.
      await response.body?.cancel().catch(() => undefined);
      if (response.ok) return { outcome: "ok", reason: `HTTP ${response.status}` };
      return { outcome: isRetryable(response.status) ? "retry" : "refused", reason: `HTTP ${response.status}` };
    } catch (error) {
      const reason = closing.signal.aborted
        ? "closed"
        : signal.aborted
          ? `no answer within ${settings.timeoutMs} ms`
          : String((error as Error).message ?? error);
      return { outcome: "retry", reason };
    }
  }

  async function deliver(body: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const { outcome, reason } = await postOnce(body);
      if (closing.signal.aborted) return;
      if (outcome === "ok") {
        stats.delivered++;
        log({ type: "delivered", attempts: attempt });
        return;
      }
      if (outcome === "refused" || attempt >= settings.maxAttempts) {
        stats.failed++;
        log({ type: "gave-up", attempts: attempt, reason });
        return;
      }
      const waitMs = backoffWithJitter(attempt, settings.baseDelayMs, settings.maxDelayMs, random);
      stats.retries++;
      log({ type: "retry", attempt, waitMs, reason });
      await abortableSleep(waitMs, closing.signal);
      if (closing.signal.aborted) return;
    }
  }

  async function pump(): Promise<void> {
    while (queue.length > 0 && !closing.signal.aborted) {
      const body = queue.shift() as string;
      inFlight++;
      try {
        await deliver(body);
      } finally {
        inFlight--;
      }
    }
    pumping = null;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const wake of waiters) wake();
  }

  return {
    send(event) {
      if (closing.signal.aborted) return;
      if (queue.length >= settings.maxQueue) {
        queue.shift();
        stats.dropped++;
        log({ type: "dropped", reason: "queue-full" });
      }
      queue.push(JSON.stringify(event));
      pumping ??= pump();
    },

    drain(timeoutMs) {
      if (pumping === null) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          idleWaiters = idleWaiters.filter((wake) => wake !== onIdle);
          resolve(false);
        }, timeoutMs);
        const onIdle = () => {
          clearTimeout(timer);
          resolve(true);
        };
        idleWaiters.push(onIdle);
      });
    },

    close() {
      closing.abort();
    },

    stats: () => ({ ...stats, pending: queue.length + inFlight }),
  };
}

function definedOnly(options: WebhookOptions): Partial<typeof WEBHOOK_DEFAULTS> {
  const picked: Partial<typeof WEBHOOK_DEFAULTS> = {};
  for (const key of Object.keys(WEBHOOK_DEFAULTS) as (keyof typeof WEBHOOK_DEFAULTS)[]) {
    if (options[key] !== undefined) picked[key] = options[key];
  }
  return picked;
}

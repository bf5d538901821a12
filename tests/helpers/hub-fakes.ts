// Test doubles for Hub access: a virtual clock whose timers fire only when everything else is idle, and a
// route-table fetch on https://example.invalid that records every call.

export interface FakeClock {
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Settles `promise`, moving virtual time to the next timer whenever nothing else can run. */
  run<T>(promise: Promise<T>): Promise<T>;
}

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

const settleMacrotasks = async (rounds = 5) => {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
};

export function createFakeClock(start = Date.UTC(2025, 0, 1)): FakeClock {
  let time = start;
  let seq = 0;
  const timers: Timer[] = [];
  const remove = (timer: Timer) => {
    const index = timers.indexOf(timer);
    if (index >= 0) timers.splice(index, 1);
  };
  return {
    now: () => time,
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        if (signal?.aborted) return resolve();
        const timer: Timer = { at: time + Math.max(0, ms), seq: seq++, resolve };
        timers.push(timer);
        signal?.addEventListener(
          "abort",
          () => {
            remove(timer);
            resolve();
          },
          { once: true },
        );
      }),
    async run(promise) {
      let isSettled = false;
      promise.then(
        () => (isSettled = true),
        () => (isSettled = true),
      );
      for (;;) {
        await settleMacrotasks();
        if (isSettled) return promise;
        if (timers.length === 0) throw new Error("fake clock: the code under test is stuck with no timer pending");
        timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const next = timers.shift()!;
        time = Math.max(time, next.at);
        next.resolve();
      }
    },
  };
}

export interface FakeCall {
  url: URL;
  method: string;
  headers: Headers;
  /** Virtual time at which the request was sent. */
  at: number;
  signal: AbortSignal | null;
  redirect: RequestInit["redirect"];
}

export type FakeHandler = (call: FakeCall) => Response | Promise<Response>;

export const HUB = "https://example.invalid";

/**
 * A fetch answering from a route table keyed by "origin+path" (query ignored). A route given a list answers with
 * its handlers in turn and repeats the last one. An unknown route fails the test with a network-style error.
 */
export function createRouteFetch(routes: Record<string, FakeHandler | FakeHandler[]>, now: () => number = Date.now) {
  const calls: FakeCall[] = [];
  const served = new Map<string, number>();
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const call: FakeCall = {
      url,
      method: init?.method ?? "GET",
      headers: new Headers(init?.headers),
      at: now(),
      signal: init?.signal ?? null,
      redirect: init?.redirect,
    };
    calls.push(call);
    const key = url.origin + url.pathname;
    const route = routes[key];
    if (!route) throw new TypeError(`fake fetch: no route for ${key}`);
    const handlers = Array.isArray(route) ? route : [route];
    const index = served.get(key) ?? 0;
    served.set(key, index + 1);
    return handlers[Math.min(index, handlers.length - 1)](call);
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

export const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), { ...init, headers: { "content-type": "application/json", ...init.headers } });

export const status = (code: number, headers: Record<string, string> = {}) =>
  new Response(code === 204 ? null : "", { status: code, headers });

/** A request that never answers until it is aborted, as a hung connection. */
export const hang: FakeHandler = (call) =>
  new Promise<Response>((_, reject) => {
    call.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")), { once: true });
  });

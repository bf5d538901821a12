// The webhook sender against a local HTTP receiver: JSON POSTs in order, retries with capped backoff, refusals,
// the bounded queue, close; and a failing receiver never holding up the watcher's polls.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createWebhookSender,
  validateWebhookUrl,
  WebhookConfigError,
  type WebhookLog,
} from "../../../crawler/watch/webhook";
import { runWatcher } from "../../../crawler/watch/run-watcher";
import { ingestPage } from "../../../crawler/ingest-page";
import { openDatabase } from "../../../db/open-database";
import { trackFamily } from "../../../db/tracked-families";
import { createWatchFakeHub, listedRecord } from "../../helpers/watch-fake-hub";

interface Receiver {
  url: string;
  bodies: unknown[];
  headers: IncomingMessage["headers"][];
  /** Decides each answer: a status, or "hang" to never answer. */
  answer: (n: number) => number | "hang";
  /** Requests received so far, answered or not. */
  requests(): number;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const receiver = {
    bodies: [] as unknown[],
    headers: [] as IncomingMessage["headers"][],
    answer: (() => 204) as Receiver["answer"],
  };
  let n = 0;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      n++;
      const verdict = receiver.answer(n);
      if (verdict === "hang") return;
      if (verdict < 300) {
        receiver.bodies.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
        receiver.headers.push(req.headers);
      }
      res.writeHead(verdict).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hook`,
    requests: () => n,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

describe("createWebhookSender", () => {
  let receiver: Receiver;
  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(() => receiver.close());

  it("POSTs each event as JSON, in the order sent", async () => {
    const sender = createWebhookSender({ url: receiver.url });
    sender.send({ type: "fork", model: "a/One" });
    sender.send({ type: "fork", model: "a/Two" });
    expect(await sender.drain(5000)).toBe(true);
    expect(receiver.bodies).toEqual([
      { type: "fork", model: "a/One" },
      { type: "fork", model: "a/Two" },
    ]);
    expect(receiver.headers[0]["content-type"]).toBe("application/json");
    expect(sender.stats()).toEqual({ delivered: 2, failed: 0, dropped: 0, retries: 0, pending: 0 });
  });

  it("retries a failing receiver with exponential backoff capped at maxDelayMs", async () => {
    receiver.answer = (n) => (n <= 4 ? 503 : 200);
    const logs: WebhookLog[] = [];
    const sender = createWebhookSender({
      url: receiver.url,
      baseDelayMs: 10,
      maxDelayMs: 25,
      random: () => 0.99999,
      onLog: (l) => logs.push(l),
    });
    sender.send({ n: 1 });
    expect(await sender.drain(5000)).toBe(true);
    expect(logs.filter((l) => l.type === "retry").map((l) => (l as { waitMs: number }).waitMs)).toEqual([
      10, 20, 25, 25,
    ]);
    expect(logs.at(-1)).toEqual({ type: "delivered", attempts: 5 });
    expect(receiver.bodies).toEqual([{ n: 1 }]);
  });

  it("gives up after maxAttempts, and at once on a refusal (4xx), then goes on with the next event", async () => {
    receiver.answer = (n) => (n <= 2 ? 500 : n === 3 ? 410 : 200);
    const sender = createWebhookSender({ url: receiver.url, baseDelayMs: 1, maxAttempts: 2 });
    sender.send({ n: 1 });
    sender.send({ n: 2 });
    sender.send({ n: 3 });
    expect(await sender.drain(5000)).toBe(true);
    expect(sender.stats()).toMatchObject({ delivered: 1, failed: 2, retries: 1 });
    expect(receiver.bodies).toEqual([{ n: 3 }]);
  });

  it("keeps at most maxQueue events waiting, dropping the oldest, and close stops a hung delivery", async () => {
    receiver.answer = () => "hang";
    const sender = createWebhookSender({ url: receiver.url, maxQueue: 2, timeoutMs: 60_000 });
    for (let n = 1; n <= 5; n++) sender.send({ n });
    // One in flight, two waiting, two dropped.
    expect(sender.stats()).toMatchObject({ dropped: 2, pending: 3 });
    expect(await sender.drain(50)).toBe(false);
    sender.close();
    expect(await sender.drain(5000)).toBe(true);
    expect(sender.stats()).toMatchObject({ delivered: 0, pending: 2 });
  });

  it("counts a receiver that does not answer in time as a failure to retry", async () => {
    receiver.answer = (n) => (n === 1 ? "hang" : 200);
    const sender = createWebhookSender({ url: receiver.url, timeoutMs: 100, baseDelayMs: 1 });
    sender.send({ n: 1 });
    expect(await sender.drain(5000)).toBe(true);
    expect(sender.stats()).toMatchObject({ delivered: 1, retries: 1 });
  });
});

describe("validateWebhookUrl", () => {
  it.each(["not a url", "ftp://example.com/hook", ""])("rejects %j", (url) => {
    expect(() => validateWebhookUrl(url)).toThrow(WebhookConfigError);
  });
  it("accepts http and https URLs", () => {
    expect(validateWebhookUrl(" https://example.com/hook ")).toBe("https://example.com/hook");
  });
});

describe("the watcher with a failing webhook", () => {
  it("polls on while the receiver fails, and the events reach it once it recovers", async () => {
    const receiver = await startReceiver();
    let isDown = true;
    receiver.answer = () => (isDown ? 503 : 200);
    const db = openDatabase(":memory:");
    const at = "2024-01-10T00:00:00.000Z";
    const root = listedRecord("base/Root", "2024-01-01T00:00:00.000Z");
    ingestPage(db, [root], { now: at, runId: null });
    trackFamily(db, "base/Root", "seed", at);
    const hub = createWatchFakeHub([
      root,
      listedRecord("fork/One", "2024-02-01T00:00:00.000Z", [["base/Root", "finetune"]]),
    ]);
    const sender = createWebhookSender({ url: receiver.url, baseDelayMs: 20, maxDelayMs: 20, maxAttempts: 1000 });
    const controller = new AbortController();
    let polls = 0;
    try {
      const result = await runWatcher(
        {
          db,
          hub,
          signal: controller.signal,
          onEvent: (event) => sender.send(event),
          onPoll: () => {
            polls++;
            if (polls === 2) hub.put(listedRecord("fork/Two", "2024-02-02T00:00:00.000Z", [["fork/One", "adapter"]]));
          },
          sleep: async () => {
            // Each pause lasts until the receiver has refused one more delivery attempt.
            const seen = receiver.requests();
            while (receiver.requests() === seen) await new Promise((resolve) => setTimeout(resolve, 5));
            if (polls === 3) controller.abort();
          },
        },
        { intervalMs: 1000 },
      );
      // Three polls ran while the receiver kept refusing the first event.
      expect(result).toMatchObject({ polls: 3, events: 2 });
      expect(receiver.requests()).toBeGreaterThanOrEqual(3);
      expect(receiver.bodies).toEqual([]);
      expect(sender.stats().pending).toBe(2);
      isDown = false;
      expect(await sender.drain(10_000)).toBe(true);
      expect(receiver.bodies).toEqual([
        expect.objectContaining({
          type: "fork",
          kind: "new",
          root: "base/Root",
          model: "fork/One",
          relation: "finetune",
          depth: 1,
        }),
        expect.objectContaining({
          type: "fork",
          kind: "new",
          root: "base/Root",
          model: "fork/Two",
          relation: "adapter",
          depth: 2,
        }),
      ]);
    } finally {
      sender.close();
      db.close();
      await receiver.close();
    }
  });
});

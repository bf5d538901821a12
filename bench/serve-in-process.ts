// The app served on a loopback port of this process, for benchmarks that time whole HTTP requests.
import type { AddressInfo } from "node:net";
import type { Db } from "../db/open-database";
import { createApp } from "../server/create-app";

/** Listening once it resolves: `base` is its http://127.0.0.1:<port>; `close` stops it. */
export async function serveInProcess(db: Db): Promise<{ base: string; close: () => void }> {
  const server = createApp({ db }).listen(0, "127.0.0.1");
  // Untimed writes and reads between requests block the loop for seconds at 150k under load: past the default 5 s
  // the server closes the idle keep-alive socket as fetch reuses it ("fetch failed").
  server.keepAliveTimeout = 600_000;
  await new Promise<void>((done) => server.once("listening", done));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

// Serves createApp (the API and the built web client) on a free loopback port, for the browser tests and screenshots.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Db } from "../../../db/open-database";
import { createApp } from "../../../server/create-app";

/** Resolves once the server listens; close `server` when done. */
export async function serveClient(db: Db, clientDir: string): Promise<{ server: Server; baseUrl: string }> {
  const server = createApp({ db, clientDir }).listen(0, "127.0.0.1");
  await new Promise<void>((done, fail) => server.once("listening", done).once("error", fail));
  return { server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

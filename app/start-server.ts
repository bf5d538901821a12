// The API and the built client over a database, listening; resolves once it accepts connections.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { openDatabase } from "../db/open-database";
import { answerClientErrors } from "../server/answer-client-errors";
import { createApp } from "../server/create-app";

export interface ServeOptions {
  dbPath: string;
  port: number;
  host: string;
  /** Absolute links start with it; the bound address when absent. */
  publicUrl?: string;
}

export interface RunningServer {
  /** The address actually bound (the port is chosen by the system when 0 was asked). */
  url: string;
  close(): Promise<void>;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const db = openDatabase(options.dbPath);
  try {
    // Listening first, so that the links' default is the address actually bound (a port chosen by the system).
    const server = createServer();
    answerClientErrors(server);
    server.listen(options.port, options.host);
    await once(server, "listening");
    const { address, port } = server.address() as AddressInfo;
    const shown = address.includes(":") ? `[${address}]` : address;
    const url = `http://${shown}:${port}`;
    server.on("request", createApp({ db, publicUrl: options.publicUrl ?? url }));
    return {
      url,
      close: async () => {
        server.close();
        server.closeAllConnections();
        await once(server, "close");
        db.close();
      },
    };
  } catch (err) {
    db.close();
    throw err;
  }
}

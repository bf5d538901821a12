// The API and the built client over a database, listening; resolves once it accepts connections.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { openDatabase } from "../db/open-database";
import { createApp } from "../server/create-app";

export interface ServeOptions {
  dbPath: string;
  port: number;
  host: string;
}

export interface RunningServer {
  /** The address actually bound (the port is chosen by the system when 0 was asked). */
  url: string;
  close(): Promise<void>;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const db = openDatabase(options.dbPath);
  try {
    const server = createApp({ db }).listen(options.port, options.host);
    await once(server, "listening");
    const { address, port } = server.address() as AddressInfo;
    const shown = address.includes(":") ? `[${address}]` : address;
    return {
      url: `http://${shown}:${port}`,
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

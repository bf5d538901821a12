// The model page of a synthetic family (issue 11's shape), served by the real server from an in-memory database for
// the browser benches, its answers warm: the family and the panel's answers, which the page asks for first, so that
// the browser's figures are the client's (family-payload.ts measures the family's answer cold and after a write).
import type { AddressInfo } from "node:net";
import { openDatabase } from "../db/open-database";
import { createApp } from "../server/create-app";
import { createSyntheticFamily, writeSyntheticFamily } from "./synthetic-family";

export interface FamilyPage {
  /** The page's address: `/model/<root>` on the server. */
  url: string;
  close(): void;
}

export async function serveFamilyPage(root: string, size: number, clientDir: string): Promise<FamilyPage> {
  const db = openDatabase(":memory:");
  writeSyntheticFamily(db, createSyntheticFamily(root, size), "2026-12-01T00:00:00.000Z");
  const server = createApp({ db, clientDir }).listen(0, "127.0.0.1");
  const close = () => {
    server.close();
    db.close();
  };
  try {
    await new Promise<void>((done) => server.once("listening", done));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const path of [
      `/graph/columnar?root=${root}&up=3&down=20&format=binary`,
      `/models/${root}`,
      `/models/${root}/growth?interval=month`,
      ...["finetune", "adapter", "quantized", "merge"].map(
        (relation) => `/models/${root}/descendants?maxDepth=1&relation=${relation}&sort=downloads&limit=20`,
      ),
    ]) {
      await (await fetch(`${origin}/api${path}`)).arrayBuffer();
    }
    return { url: `${origin}/model/${root}`, close };
  } catch (error) {
    close();
    throw error;
  }
}

// Starts the system's Debian Chromium for the browser tests and the client benchmark (WebGL2 via SwiftShader).
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Flags: no sandbox (CI runs as root); no background traffic, since the machine's network is closed. WebGL2 comes
 * from SwiftShader through ANGLE (checked with and without --disable-gpu); --enable-unsafe-swiftshader keeps that
 * software fallback allowed in Chromium versions that gate it. Never --use-gl=swiftshader (a removed code path).
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--enable-unsafe-swiftshader",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-quic",
];

export class ChromiumMissingError extends Error {
  constructor(readonly path: string) {
    super(`Chromium not found at ${path}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH)`);
    this.name = "ChromiumMissingError";
  }
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new ChromiumMissingError(CHROMIUM_PATH);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

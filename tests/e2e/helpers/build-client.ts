// Builds the web client with the project's vite config into a scratch folder, for a browser test's own server.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

const ROOT = resolve(__dirname, "../../..");

/** Runs `vite build` (client/vite.config.mts) into a new temporary folder and returns that folder. */
export function buildClient(): string {
  const outDir = mkdtempSync(join(tmpdir(), "hf-lineage-client-"));
  // vite's package exports hide bin/: find it next to its package.json.
  const vite = join(dirname(require.resolve("vite/package.json", { paths: [ROOT] })), "bin/vite.js");
  try {
    execFileSync(
      process.execPath,
      [vite, "build", "--config", "client/vite.config.mts", "--outDir", outDir, "--emptyOutDir", "--logLevel", "error"],
      {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? "";
    throw new Error(`buildClient: vite build of client/ failed:\n${stderr || String(error)}`);
  }
  if (!existsSync(join(outDir, "index.html"))) throw new Error(`buildClient: vite wrote no index.html into ${outDir}`);
  return outDir;
}

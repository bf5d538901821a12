// Vite build of the web client: sources in client/, output in dist/client at the repo root (served by the API server).
import { resolve } from "node:path";
import { defineConfig } from "vite";

const CLIENT_DIR = import.meta.dirname;

export default defineConfig({
  root: CLIENT_DIR,
  base: "/",
  build: {
    outDir: resolve(CLIENT_DIR, "../dist/client"),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1024,
  },
  server: { proxy: { "/api": process.env.HF_LINEAGE_API ?? "http://127.0.0.1:7860" } },
});

// Vite build of the web client: sources in client/, output in dist/client at the repo root (served by the API server).
import { resolve } from "node:path";
import { defineConfig, type Plugin } from "vite";

const CLIENT_DIR = import.meta.dirname;

/**
 * The entry imports the app chunk dynamically (so that the family's request starts before the bulk of the code):
 * modulepreload links let the browser download that chunk, and the small chunks it shares with the lazily loaded views,
 * in parallel with the entry instead of after it.
 */
function preloadAppChunk(): Plugin {
  return {
    name: "hf-lineage-preload-app",
    apply: "build",
    transformIndexHtml(_html, context) {
      const chunks = Object.values(context.bundle ?? {}).filter((output) => output.type === "chunk");
      const app = chunks.find((chunk) => chunk.facadeModuleId === resolve(CLIENT_DIR, "src/app.ts"));
      if (!app) throw new Error("preloadAppChunk: no chunk for client/src/app.ts in the bundle");
      const entries = new Set(chunks.filter((chunk) => chunk.isEntry).map((chunk) => chunk.fileName));
      return [app.fileName, ...app.imports.filter((fileName) => !entries.has(fileName))].map((fileName) => ({
        tag: "link",
        attrs: { rel: "modulepreload", crossorigin: true, href: `/${fileName}` },
        injectTo: "head" as const,
      }));
    },
  };
}

export default defineConfig({
  root: CLIENT_DIR,
  base: "/",
  plugins: [preloadAppChunk()],
  build: {
    outDir: resolve(CLIENT_DIR, "../dist/client"),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1024,
  },
  server: { proxy: { "/api": process.env.HF_LINEAGE_API ?? "http://127.0.0.1:7860" } },
});

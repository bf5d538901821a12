#!/usr/bin/env node
// Launcher for the hf-lineage CLI: runs the TypeScript sources through tsx's CommonJS loader.
require("tsx/cjs");
require("../cli/main.ts")
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`hf-lineage: ${err?.stack ? err.stack : err}\n`);
      process.exitCode = 1;
    },
  );

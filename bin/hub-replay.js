#!/usr/bin/env node
// Launcher for the local Hub replay server (replay): runs the TypeScript sources through tsx's CommonJS loader.
require("tsx/cjs");
require("../replay/hub-replay-cli.ts")
  .runHubReplayCli(process.argv.slice(2), process)
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`hub-replay: ${err?.stack ? err.stack : err}\n`);
      process.exitCode = 1;
    },
  );

/** Jest runs the TypeScript sources through ts-jest; typechecking is done once by `tsc --noEmit` before jest. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.spec.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }] },
  testTimeout: 60000,
  // On a 2-core machine jest would otherwise run every spec in its own process (maxWorkers 1 = in band), where the
  // suites' large synthetic graphs add up past the heap limit. Two workers, recycled when they grow, keep each
  // spec's memory its own.
  maxWorkers: 2,
  workerIdleMemoryLimit: "1536MB",
};

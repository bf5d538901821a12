// The streams and environment a run of the product talks to: the process's in the CLI, buffers in tests.

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** True when stderr is a terminal: progress is drawn as a bar instead of periodic lines. */
  isTty: boolean;
}

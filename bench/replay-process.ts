// A synthetic Hub replay in a child process (the replay CLI), so that serving pages does not share the benchmark's
// event loop: started, its URL read from its first line, and stopped.
import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";

export interface ReplayProcess {
  url: string;
  child: ChildProcess;
}

/** Starts `hub-replay --synthetic <models> --seed <seed> --port <port>` and waits for the URL it serves at. */
export async function startReplayProcess(models: number, seed: number, port: number): Promise<ReplayProcess> {
  const args = ["--synthetic", String(models), "--seed", String(seed), "--port", String(port)];
  const child = spawn(process.execPath, [resolve(__dirname, "../bin/hub-replay.js"), ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((done, fail) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = / at (http:\/\/\S+)/.exec(out);
      if (match) done(match[1]);
    });
    child.on("exit", (code) => fail(new Error(`hub-replay exited with ${code}`)));
  });
  return { url, child };
}

/** Stops the replay and waits until it has exited. */
export async function stopReplayProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((done) => {
    child.once("exit", () => done());
    child.kill("SIGTERM");
  });
}

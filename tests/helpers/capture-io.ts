// A CliIo whose stdout and stderr are kept as strings, for running `main` in process.
import type { CliIo } from "../../cli/command";

export function captureIo(): { out: { stdout: string; stderr: string }; io: CliIo } {
  const out = { stdout: "", stderr: "" };
  const stream = (key: "stdout" | "stderr") =>
    ({
      write: (text: string) => {
        out[key] += text;
        return true;
      },
    }) as unknown as NodeJS.WritableStream;
  return { out, io: { stdout: stream("stdout"), stderr: stream("stderr"), env: {}, isTty: false } };
}

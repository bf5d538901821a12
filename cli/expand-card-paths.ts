// A command line's card arguments as files: a directory stands for the *.md files directly inside it.
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";

/**
 * Expands the command line's card arguments: a directory stands for the `*.md` files directly inside it (sorted),
 * so thousands of cards can be named without hitting the 128 KiB limit `npm run` puts on its argument string.
 * Anything else is passed through as given; the caller reports what cannot be read.
 */
export async function expandCardPaths(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info?.isDirectory()) {
      files.push(path);
      continue;
    }
    const names = (await readdir(path)).filter((name) => name.endsWith(".md")).sort();
    files.push(...names.map((name) => join(path, name)));
  }
  return files;
}

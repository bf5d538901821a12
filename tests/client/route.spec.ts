// Tests of the client's URL scheme: /model/<id> deep links with depth and relation settings, parsed and formatted.
import {
  DEFAULT_DOWN,
  DEFAULT_UP,
  formatRoute,
  forksRoute,
  MAX_DEPTH,
  modelRoute,
  parseRoute,
} from "../../client/src/route";

describe("parseRoute", () => {
  test("reads the home page and a model id with its slash", () => {
    expect(parseRoute("/", "")).toEqual({ kind: "home" });
    expect(parseRoute("/model/google/gemma-7b", "")).toEqual(modelRoute("google/gemma-7b"));
  });

  test("decodes each segment of an encoded id, and accepts legacy ids without owner", () => {
    expect(parseRoute("/model/evil/%3Cimg%20src%3Dx%3E", "")).toMatchObject({ kind: "model", id: "evil/<img src=x>" });
    expect(parseRoute("/model/gpt2", "")).toMatchObject({ kind: "model", id: "gpt2" });
  });

  test("reads depths and relations, falling back to defaults on bad values and capping depth", () => {
    expect(parseRoute("/model/a/b", "?up=1&down=2&relations=adapter,merge")).toEqual({
      kind: "model",
      id: "a/b",
      up: 1,
      down: 2,
      relations: ["adapter", "merge"],
      inferred: false,
      colorBy: "relation",
    });
    expect(parseRoute("/model/a/b", "?up=-1&down=abc")).toMatchObject({ up: DEFAULT_UP, down: DEFAULT_DOWN });
    expect(parseRoute("/model/a/b", "?down=99999")).toMatchObject({ down: MAX_DEPTH });
    expect(parseRoute("/model/a/b", "?relations=adapter,bogus")).toMatchObject({ relations: ["adapter"] });
  });

  test("reads the inferred-lineage switch: only inferred=include turns it on", () => {
    expect(parseRoute("/model/a/b", "?inferred=include")).toMatchObject({ inferred: true });
    expect(parseRoute("/model/a/b", "?inferred=exclude")).toMatchObject({ inferred: false });
    expect(parseRoute("/model/a/b", "?inferred=1")).toMatchObject({ inferred: false });
  });

  test("reads the colour mode: only color=license colours by licence", () => {
    expect(parseRoute("/model/a/b", "?color=license")).toMatchObject({ colorBy: "license" });
    expect(parseRoute("/model/a/b", "?color=relation")).toMatchObject({ colorBy: "relation" });
    expect(parseRoute("/model/a/b", "")).toMatchObject({ colorBy: "relation" });
    expect(formatRoute({ ...modelRoute("a/b"), colorBy: "license" })).toBe("/model/a/b?color=license");
    expect(formatRoute(modelRoute("a/b"))).toBe("/model/a/b");
  });

  test("reads the forks feed with its family and relation filters; an unknown relation means all", () => {
    expect(parseRoute("/forks", "")).toEqual(forksRoute());
    expect(parseRoute("/forks/", "?root=Qwen%2FQwen2.5-7B&relation=adapter")).toEqual({
      kind: "forks",
      root: "Qwen/Qwen2.5-7B",
      relation: "adapter",
    });
    expect(parseRoute("/forks", "?root=%20%20&relation=bogus")).toEqual(forksRoute());
  });

  test("anything else, or an undecodable id, is not found", () => {
    expect(parseRoute("/elsewhere", "")).toEqual({ kind: "not-found", path: "/elsewhere" });
    expect(parseRoute("/model/", "")).toMatchObject({ kind: "not-found" });
    expect(parseRoute("/model/a/%E0%A4%A", "")).toMatchObject({ kind: "not-found" });
  });
});

describe("formatRoute", () => {
  test("round-trips through parseRoute, ids with markup and spaces included", () => {
    const route = {
      kind: "model" as const,
      id: "evil/<img src=x onerror=1>",
      up: 0,
      down: 1,
      relations: ["finetune" as const],
      inferred: true,
      colorBy: "license" as const,
    };
    const url = new URL(formatRoute(route), "http://x.invalid");
    expect(url.pathname).not.toMatch(/[<> ]/);
    expect(parseRoute(url.pathname, url.search)).toEqual(route);
  });

  test("round-trips the forks feed, a family id with markup included", () => {
    const route = { kind: "forks" as const, root: "evil/<b>x</b>", relation: "merge" as const };
    const url = new URL(formatRoute(route), "http://x.invalid");
    expect(url.pathname).toBe("/forks");
    expect(parseRoute(url.pathname, url.search)).toEqual(route);
    expect(formatRoute(forksRoute())).toBe("/forks");
  });

  test("leaves defaults out of the URL", () => {
    expect(formatRoute(modelRoute("google/gemma-7b"))).toBe("/model/google/gemma-7b");
    expect(formatRoute({ ...modelRoute("a/b"), relations: ["finetune", "adapter", "quantized", "merge"] })).toBe(
      "/model/a/b",
    );
  });
});

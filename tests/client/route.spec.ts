// Tests of the client's URL scheme: /model/<id> deep links with depth and relation settings, parsed and formatted.
import { DEFAULT_DOWN, DEFAULT_UP, formatRoute, MAX_DEPTH, modelRoute, parseRoute } from "../../client/src/route";

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
    });
    expect(parseRoute("/model/a/b", "?up=-1&down=abc")).toMatchObject({ up: DEFAULT_UP, down: DEFAULT_DOWN });
    expect(parseRoute("/model/a/b", "?down=99999")).toMatchObject({ down: MAX_DEPTH });
    expect(parseRoute("/model/a/b", "?relations=adapter,bogus")).toMatchObject({ relations: ["adapter"] });
  });

  test("anything else, or an undecodable id, is not found", () => {
    expect(parseRoute("/elsewhere", "")).toEqual({ kind: "not-found", path: "/elsewhere" });
    expect(parseRoute("/model/", "")).toMatchObject({ kind: "not-found" });
    expect(parseRoute("/model/a/%E0%A4%A", "")).toMatchObject({ kind: "not-found" });
  });
});

describe("formatRoute", () => {
  test("round-trips through parseRoute, ids with markup and spaces included", () => {
    const route = { kind: "model" as const, id: "evil/<img src=x onerror=1>", up: 0, down: 1, relations: ["finetune" as const] };
    const url = new URL(formatRoute(route), "http://x.invalid");
    expect(url.pathname).not.toMatch(/[<> ]/);
    expect(parseRoute(url.pathname, url.search)).toEqual(route);
  });

  test("leaves defaults out of the URL", () => {
    expect(formatRoute(modelRoute("google/gemma-7b"))).toBe("/model/google/gemma-7b");
    expect(formatRoute({ ...modelRoute("a/b"), relations: ["finetune", "adapter", "quantized", "merge"] })).toBe("/model/a/b");
  });
});

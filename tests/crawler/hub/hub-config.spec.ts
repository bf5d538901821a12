// Hub config: validateHubConfig defaults and errors, parseRate, normalizeHubUrl.
import {
  DEFAULTS,
  HubConfigError,
  normalizeHubUrl,
  parseRate,
  validateHubConfig,
} from "../../../crawler/hub/hub-config";

describe("validateHubConfig", () => {
  it("defaults to the public Hub, anonymous, at the budget the Hub advertises (no rate of its own)", () => {
    expect(validateHubConfig({}, {})).toEqual({
      hubUrl: "https://huggingface.co",
      token: null,
      rate: null,
      resolveRate: null,
      concurrency: DEFAULTS.concurrency,
      timeoutMs: DEFAULTS.timeoutMs,
      maxRetries: DEFAULTS.maxRetries,
    });
  });

  it("takes --hub-url over HF_ENDPOINT over the default, without trailing slashes", () => {
    expect(validateHubConfig({}, { HF_ENDPOINT: "http://127.0.0.1:7861/" }).hubUrl).toBe("http://127.0.0.1:7861");
    expect(
      validateHubConfig({ hubUrl: "https://mirror.example.invalid/hf//" }, { HF_ENDPOINT: "http://127.0.0.1:7861" })
        .hubUrl,
    ).toBe("https://mirror.example.invalid/hf");
  });

  it("reads HF_TOKEN, trimmed, and treats an empty one as none", () => {
    expect(validateHubConfig({}, { HF_TOKEN: " hf_abc123\n" }).token).toBe("hf_abc123");
    expect(validateHubConfig({}, { HF_TOKEN: "" }).token).toBeNull();
  });

  it("refuses a token that is not an hf_ token, without repeating it", () => {
    const error = (() => {
      try {
        validateHubConfig({}, { HF_TOKEN: "ghp_notAHubToken" });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(HubConfigError);
    expect(error).toMatchObject({ field: "token" });
    expect((error as Error).message).not.toContain("ghp_notAHubToken");
  });

  it("parses --rate and the flags given as text", () => {
    const config = validateHubConfig(
      { rate: "1000/300", resolveRate: "5000/300", concurrency: "8", timeoutMs: "5000", maxRetries: "0" },
      {},
    );
    expect(config).toMatchObject({
      rate: { limit: 1000, windowMs: 300_000 },
      resolveRate: { limit: 5000, windowMs: 300_000 },
      concurrency: 8,
      timeoutMs: 5000,
      maxRetries: 0,
    });
  });

  it.each([
    [{ rate: "fast" }, "rate"],
    [{ rate: "0/300" }, "rate"],
    [{ rate: "100/0" }, "rate"],
    [{ rate: "100" }, "rate"],
    [{ resolveRate: "-5/300" }, "resolveRate"],
    [{ concurrency: 0 }, "concurrency"],
    [{ concurrency: "2.5" }, "concurrency"],
    [{ concurrency: 1000 }, "concurrency"],
    [{ maxRetries: -1 }, "maxRetries"],
    [{ hubUrl: "not a url" }, "hubUrl"],
    [{ hubUrl: "ftp://example.invalid" }, "hubUrl"],
    [{ hubUrl: "https://user:hf_x@example.invalid" }, "hubUrl"],
  ])("refuses %j with an error naming %s", (input, field) => {
    expect(() => validateHubConfig(input, {})).toThrow(HubConfigError);
    try {
      validateHubConfig(input, {});
    } catch (error) {
      expect(error).toMatchObject({ field });
    }
  });
});

describe("parseRate", () => {
  it("reads REQUESTS/SECONDS, fractional seconds included", () => {
    expect(parseRate("20/2")).toEqual({ limit: 20, windowMs: 2_000 });
    expect(parseRate(" 10 / 0.5 ")).toEqual({ limit: 10, windowMs: 500 });
  });
});

describe("normalizeHubUrl", () => {
  it("keeps a path prefix and drops only trailing slashes", () => {
    expect(normalizeHubUrl("https://huggingface.co/")).toBe("https://huggingface.co");
    expect(normalizeHubUrl("http://localhost:7861/proxy/hf/")).toBe("http://localhost:7861/proxy/hf");
  });
});

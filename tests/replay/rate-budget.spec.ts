// Fixed-window budgets and their headers.
import { parseRate, RateBudget } from "../../replay/rate-budget";
import { ReplayConfigError } from "../../replay/replay-errors";

describe("RateBudget", () => {
  test("counts every request in fixed windows aligned on the start, refusals included", () => {
    const budget = new RateBudget("api", { requests: 2, windowSeconds: 10 }, 1000, "always");
    expect(budget.take(1000)).toEqual({
      allowed: true,
      headers: { RateLimit: '"api";r=1;t=10', "RateLimit-Policy": '"fixed window";"api";q=2;w=10' },
    });
    expect(budget.take(4000).allowed).toBe(true);
    const refused = budget.take(8500);
    expect(refused.allowed).toBe(false);
    expect(refused.headers).toMatchObject({ RateLimit: '"api";r=0;t=3', "Retry-After": "3" });
    expect(budget.take(11_000)).toMatchObject({ allowed: true, headers: { RateLimit: '"api";r=1;t=10' } });
  });

  test("Retry-After on every other refusal in alternate mode, never in never mode", () => {
    const alternate = new RateBudget("resolvers", { requests: 1, windowSeconds: 60 }, 0, "alternate");
    const never = new RateBudget("resolvers", { requests: 1, windowSeconds: 60 }, 0, "never");
    const seen = [0, 1, 2, 3, 4].map(() => [
      alternate.take(0).headers["Retry-After"],
      never.take(0).headers["Retry-After"],
    ]);
    expect(seen).toEqual([
      [undefined, undefined],
      ["60", undefined],
      [undefined, undefined],
      ["60", undefined],
      [undefined, undefined],
    ]);
  });
});

describe("parseRate", () => {
  test("reads N/SECONDS and rejects the rest", () => {
    expect(parseRate("20/2", "--rate")).toEqual({ requests: 20, windowSeconds: 2 });
    expect(parseRate("500/0.5", "--rate")).toEqual({ requests: 500, windowSeconds: 0.5 });
    for (const bad of ["20", "0/5", "a/b", "20/0"]) expect(() => parseRate(bad, "--rate")).toThrow(ReplayConfigError);
  });
});

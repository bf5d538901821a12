// Tests of searchFamily: exact, then prefix, then substring matches, each by descendants.
import { searchFamily } from "../../client/src/search-family";

const models = [
  { id: "org/llama-ft", descendants: 3 },
  { id: "other/my-llama", descendants: 90 },
  { id: "llama/base", descendants: 10 },
  { id: "org/Llama", descendants: 1 },
  { id: "org/qwen", descendants: 500 },
];

describe("searchFamily", () => {
  test("ranks the exact id first, then prefixes of the id or name, then substrings, case-insensitively", () => {
    expect(searchFamily(models, "org/llama", 10).map((m) => m.id)).toEqual(["org/Llama", "org/llama-ft"]);
    expect(searchFamily(models, "LLAMA", 10).map((m) => m.id)).toEqual([
      "llama/base",
      "org/llama-ft",
      "org/Llama",
      "other/my-llama",
    ]);
  });

  test("keeps to the limit and finds nothing for a blank query", () => {
    expect(searchFamily(models, "o", 2)).toHaveLength(2);
    expect(searchFamily(models, "  ", 5)).toEqual([]);
  });
});

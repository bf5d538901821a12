// Tests of formatCount: whole numbers grouped by hand exactly as Intl's en-US format writes them.
import { formatCount } from "../../client/src/format";
import { seededRandom } from "../helpers/test-seed";

describe("formatCount", () => {
  const intl = new Intl.NumberFormat("en-US");

  test("writes whole numbers as Intl en-US does, signs and every group length included", () => {
    const random = seededRandom("formatCount", 11);
    const values = [0, 7, -7, 999, 1_000, -1_000, 12_345, 999_999, 1_000_000, -123_456_789, Number.MAX_SAFE_INTEGER];
    for (let i = 0; i < 500; i++) values.push(Math.floor((random() - 0.5) * 10 ** Math.floor(random() * 16)));
    for (const value of values) expect(formatCount(value)).toBe(intl.format(value));
  });

  test("leaves fractions and huge numbers to Intl, and unknown values to an em dash", () => {
    for (const value of [1234.5678, 2 ** 60]) expect(formatCount(value)).toBe(intl.format(value));
    expect(formatCount(null)).toBe("—");
    expect(formatCount(undefined)).toBe("—");
    expect(formatCount(Number.NaN)).toBe("—");
  });
});

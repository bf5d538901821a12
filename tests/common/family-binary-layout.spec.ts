// The binary family layout's element types: the narrowest that holds a column.
import { narrowestType, sectionOffsets } from "../../common/family-binary-layout";

describe("narrowestType", () => {
  it("takes the first integer type whose range holds the column, else Float64", () => {
    expect(narrowestType(0, 255, true)).toBe(Uint8Array);
    expect(narrowestType(-1, 4, true)).toBe(Int8Array);
    expect(narrowestType(0, 256, true)).toBe(Uint16Array);
    expect(narrowestType(-1, 40_000, true)).toBe(Int32Array);
    expect(narrowestType(0, 150_000, true)).toBe(Uint32Array);
    expect(narrowestType(-1, 2 ** 32, true)).toBe(Float64Array);
    expect(narrowestType(0, 2, false)).toBe(Float64Array);
  });
});

describe("sectionOffsets", () => {
  it("starts every section at a multiple of 8 bytes, after the previous one", () => {
    const types = Array.from({ length: 17 }, (_, i) => (i % 2 ? Uint8Array : Float64Array));
    const { offsets, end } = sectionOffsets({ models: 3, links: 5, labelled: 1, idBytes: 7 }, types, 61);
    expect(offsets[0]).toBe(64);
    for (const offset of offsets) expect(offset % 8).toBe(0);
    // x: 3 Float64 (24 bytes) from 64; y: 3 Uint8 from 88, padded to 96.
    expect(offsets.slice(0, 3)).toEqual([64, 88, 96]);
    expect(end % 8).toBe(0);
    expect(end).toBeGreaterThan(offsets[16] + 6);
  });
});

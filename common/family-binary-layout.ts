// The binary form of GET /api/graph/columnar (`format=binary`): its header and sections, shared by the server's
// encoder (server/columnar-binary.ts) and the client's decoder (client/src/columnar-binary.ts), so they cannot drift.
//
// Layout, little-endian: a header of HEADER_WORDS Uint32 (magic, version, models, links, labelled, metadata bytes,
// id bytes); one byte per section of FAMILY_SECTIONS naming its element type (an index into ELEMENT_TYPES: the
// encoder takes the narrowest type that holds the column's values); the metadata, UTF-8 JSON (the slice's attributes
// and code tables); then each section in order, each starting at a multiple of 8 bytes so that the reader maps it in
// place (`new Uint32Array(buffer, offset, n)`). `idLength[k]` is id k's length in UTF-16 code units (JavaScript string
// length), so that one decode of the `ids` section and a slice per model yields them.

/** "HFLC" read as a little-endian Uint32. */
export const FAMILY_BINARY_MAGIC = 0x434c4648;
export const FAMILY_BINARY_VERSION = 1;
export const FAMILY_BINARY_MEDIA_TYPE = "application/octet-stream";
/** magic, version, models, links, labelled, metadata bytes, id bytes. */
export const HEADER_WORDS = 7;

/** The element types a section may have, by code; integer columns take the first that holds their range. */
export const ELEMENT_TYPES = [
  Uint8Array,
  Int8Array,
  Uint16Array,
  Int16Array,
  Uint32Array,
  Int32Array,
  Float32Array,
  Float64Array,
] as const;
export type ElementType = (typeof ELEMENT_TYPES)[number];

/** Per model, per link, per labelled model, or a byte count from the header (the ids' UTF-8). */
export type SectionCount = "models" | "links" | "labelled" | "idBytes";

/**
 * The sections in the order they are laid out: `x` and `y` are always Float32, `ids` UTF-8 bytes, the others
 * integers of the narrowest type. `downloads` is -1 where unknown; `relation` indexes relationCodes (its last code is
 * null); `license`, `subfamily` and `licenseChange` are -1 where none.
 */
export const FAMILY_SECTIONS = [
  { name: "x", count: "models", element: "float32" },
  { name: "y", count: "models", element: "float32" },
  { name: "downloads", count: "models", element: "integer" },
  { name: "descendants", count: "models", element: "integer" },
  { name: "subfamily", count: "models", element: "integer" },
  { name: "idLength", count: "models", element: "integer" },
  { name: "license", count: "models", element: "integer" },
  { name: "generation", count: "models", element: "integer" },
  { name: "relation", count: "models", element: "integer" },
  { name: "hasHiddenChildren", count: "models", element: "integer" },
  { name: "labelled", count: "labelled", element: "integer" },
  { name: "linkParent", count: "links", element: "integer" },
  { name: "linkChild", count: "links", element: "integer" },
  { name: "linkRelation", count: "links", element: "integer" },
  { name: "linkSource", count: "links", element: "integer" },
  { name: "linkLicenseChange", count: "links", element: "integer" },
  { name: "ids", count: "idBytes", element: "bytes" },
] as const;

export type SectionName = (typeof FAMILY_SECTIONS)[number]["name"];

/** Counts as the header gives them. */
export type SectionCounts = Record<SectionCount, number>;

const INTEGER_RANGES: [ElementType, number, number][] = [
  [Uint8Array, 0, 0xff],
  [Int8Array, -0x80, 0x7f],
  [Uint16Array, 0, 0xffff],
  [Int16Array, -0x8000, 0x7fff],
  [Uint32Array, 0, 0xffffffff],
  [Int32Array, -0x80000000, 0x7fffffff],
];

/** The narrowest element type for integers from `min` to `max` (Float64 past 32 bits, or for fractions). */
export function narrowestType(min: number, max: number, isInteger: boolean): ElementType {
  if (isInteger) for (const [type, low, high] of INTEGER_RANGES) if (min >= low && max <= high) return type;
  return Float64Array;
}

/** Rounds `offset` up to the next multiple of 8. */
export const alignTo8 = (offset: number): number => (offset + 7) & ~7;

/** Where the metadata starts: after the header words and one type byte per section. */
export const METADATA_AT = HEADER_WORDS * 4 + FAMILY_SECTIONS.length;

/** Where each section starts (bytes from the buffer's start), given the counts, types and where the first may start. */
export function sectionOffsets(
  counts: SectionCounts,
  types: readonly ElementType[],
  start: number,
): { offsets: number[]; end: number } {
  const offsets: number[] = [];
  let at = alignTo8(start);
  FAMILY_SECTIONS.forEach((section, i) => {
    offsets.push(at);
    at = alignTo8(at + counts[section.count] * types[i].BYTES_PER_ELEMENT);
  });
  return { offsets, end: at };
}

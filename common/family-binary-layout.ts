// The binary form of GET /api/graph/columnar (`format=binary`): its header and sections, shared by the server's
// encoder (server/columnar-binary.ts) and the client's decoder (client/src/columnar-binary.ts), so they cannot drift.
//
// Layout, little-endian: a header of HEADER_WORDS Uint32 (magic, version, models, links, labelled, metadata bytes,
// id bytes); the metadata, UTF-8 JSON (the slice's attributes and code tables); then each section of
// FAMILY_SECTIONS in order, each starting at a multiple of 8 bytes so that the reader maps it in place
// (`new Float32Array(buffer, offset, n)`). `idEnd[k]` is where id k ends in the ids' text, counted in UTF-16 code
// units (JavaScript string indices), so that one decode of the `ids` section and a slice per model yields them.

/** "HFLC" read as a little-endian Uint32. */
export const FAMILY_BINARY_MAGIC = 0x434c4648;
export const FAMILY_BINARY_VERSION = 1;
export const FAMILY_BINARY_MEDIA_TYPE = "application/octet-stream";
/** magic, version, models, links, labelled, metadata bytes, id bytes. */
export const HEADER_WORDS = 7;

/** Per model, per link, per labelled model, or a byte count from the header (the ids' UTF-8). */
export type SectionCount = "models" | "links" | "labelled" | "idBytes";

/**
 * The sections in the order they are laid out. `downloads` is NaN where unknown; `relation` indexes relationCodes
 * (its last code is null); `license`, `subfamily` and `licenseChange` are -1 where none.
 */
export const FAMILY_SECTIONS = [
  { name: "downloads", array: Float64Array, count: "models" },
  { name: "x", array: Float32Array, count: "models" },
  { name: "y", array: Float32Array, count: "models" },
  { name: "descendants", array: Uint32Array, count: "models" },
  { name: "license", array: Int32Array, count: "models" },
  { name: "subfamily", array: Int32Array, count: "models" },
  { name: "idEnd", array: Uint32Array, count: "models" },
  { name: "labelled", array: Uint32Array, count: "labelled" },
  { name: "linkParent", array: Uint32Array, count: "links" },
  { name: "linkChild", array: Uint32Array, count: "links" },
  { name: "generation", array: Int16Array, count: "models" },
  { name: "relation", array: Uint8Array, count: "models" },
  { name: "hasHiddenChildren", array: Uint8Array, count: "models" },
  { name: "linkRelation", array: Uint8Array, count: "links" },
  { name: "linkSource", array: Uint8Array, count: "links" },
  { name: "linkLicenseChange", array: Int8Array, count: "links" },
  { name: "ids", array: Uint8Array, count: "idBytes" },
] as const;

type Section = (typeof FAMILY_SECTIONS)[number];

/** Every section as its typed array. */
export type FamilySections = { [S in Section as S["name"]]: InstanceType<S["array"]> };

/** Counts as the header gives them. */
export type SectionCounts = Record<SectionCount, number>;

/** Rounds `offset` up to the next multiple of 8. */
export const alignTo8 = (offset: number): number => (offset + 7) & ~7;

/** Where each section starts (bytes from the buffer's start) given the counts and where the first one starts. */
export function sectionOffsets(counts: SectionCounts, start: number): { offsets: number[]; end: number } {
  const offsets: number[] = [];
  let at = alignTo8(start);
  for (const section of FAMILY_SECTIONS) {
    offsets.push(at);
    at = alignTo8(at + counts[section.count] * section.array.BYTES_PER_ELEMENT);
  }
  return { offsets, end: at };
}

// The columnar slice as one binary answer (GET /api/graph/columnar?format=binary; layout in
// common/family-binary-layout.ts): typed arrays the browser maps in place instead of parsing one JSON number per cell.
import { endianness } from "node:os";
import {
  ELEMENT_TYPES,
  type ElementType,
  FAMILY_BINARY_MAGIC,
  FAMILY_BINARY_VERSION,
  FAMILY_SECTIONS,
  HEADER_WORDS,
  METADATA_AT,
  narrowestType,
  type SectionCounts,
  type SectionName,
  sectionOffsets,
} from "../common/family-binary-layout";
import type { ColumnarGraphSlice } from "./contract/types";

/** What the binary answer carries as JSON: everything but the columns. */
type ColumnarMetadata = Pick<
  ColumnarGraphSlice,
  "attributes" | "relationCodes" | "licenseCodes" | "licenseChangeCodes" | "sourceCodes"
>;

/** The element type a section's values need. */
function typeOf(element: (typeof FAMILY_SECTIONS)[number]["element"], values: ArrayLike<number>): ElementType {
  if (element === "float32") return Float32Array;
  if (element === "bytes") return Uint8Array;
  let min = 0;
  let max = 0;
  let isInteger = true;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value < min) min = value;
    if (value > max) max = value;
    if (!Number.isInteger(value)) isInteger = false;
  }
  return narrowestType(min, max, isInteger);
}

/** The same content as `columns` (coordinates as Float32, unknown downloads as -1), in the binary layout. */
export function encodeColumnarBinary(columns: ColumnarGraphSlice): Buffer {
  // Typed arrays are in the platform's byte order; the layout is little-endian.
  if (endianness() !== "LE") throw new Error("encodeColumnarBinary: the binary layout needs a little-endian host");
  const { nodes, edges } = columns;
  const metadata: ColumnarMetadata = {
    attributes: columns.attributes,
    relationCodes: columns.relationCodes,
    licenseCodes: columns.licenseCodes,
    licenseChangeCodes: columns.licenseChangeCodes,
    sourceCodes: columns.sourceCodes,
  };
  const metadataBytes = Buffer.from(JSON.stringify(metadata));
  const idBytes = Buffer.from(nodes.id.join(""));
  const sections: Record<SectionName, ArrayLike<number>> = {
    x: nodes.x,
    y: nodes.y,
    downloads: nodes.downloads.map((value) => value ?? -1),
    descendants: nodes.descendants,
    subfamily: nodes.subfamily,
    // UTF-16 lengths: what the decoder slices its decoded text by (UTF-8 lengths differ for non-ASCII ids).
    idLength: nodes.id.map((id) => id.length),
    license: nodes.license,
    generation: nodes.generation,
    relation: nodes.relation,
    hasHiddenChildren: nodes.hasHiddenChildren,
    labelled: columns.labelled,
    linkParent: edges.parent,
    linkChild: edges.child,
    linkRelation: edges.relation,
    linkSource: edges.source,
    linkLicenseChange: edges.licenseChange,
    ids: idBytes,
  };
  const counts: SectionCounts = {
    models: nodes.id.length,
    links: edges.parent.length,
    labelled: columns.labelled.length,
    idBytes: idBytes.length,
  };
  const types = FAMILY_SECTIONS.map((section) => typeOf(section.element, sections[section.name]));
  const { offsets, end } = sectionOffsets(counts, types, METADATA_AT + metadataBytes.length);
  const body = Buffer.alloc(end);
  const header = [
    FAMILY_BINARY_MAGIC,
    FAMILY_BINARY_VERSION,
    counts.models,
    counts.links,
    counts.labelled,
    metadataBytes.length,
    idBytes.length,
  ];
  header.forEach((word, i) => body.writeUInt32LE(word, 4 * i));
  types.forEach((type, i) => body.writeUInt8(ELEMENT_TYPES.indexOf(type), HEADER_WORDS * 4 + i));
  metadataBytes.copy(body, METADATA_AT);
  FAMILY_SECTIONS.forEach((section, i) => {
    new types[i](body.buffer, body.byteOffset + offsets[i], counts[section.count]).set(sections[section.name]);
  });
  return body;
}

// The columnar slice as one binary answer (GET /api/graph/columnar?format=binary; layout in
// common/family-binary-layout.ts): typed arrays the browser maps in place instead of parsing one JSON number per cell.
import { endianness } from "node:os";
import {
  FAMILY_BINARY_MAGIC,
  FAMILY_BINARY_VERSION,
  FAMILY_SECTIONS,
  type FamilySections,
  HEADER_WORDS,
  type SectionCounts,
  sectionOffsets,
} from "../common/family-binary-layout";
import type { ColumnarGraphSlice } from "./contract/types";

/** What the binary answer carries as JSON: everything but the columns. */
export type ColumnarMetadata = Pick<
  ColumnarGraphSlice,
  "attributes" | "relationCodes" | "licenseCodes" | "licenseChangeCodes" | "sourceCodes"
>;

/** The same content as `columns` (coordinates as Float32), in the binary layout. */
export function encodeColumnarBinary(columns: ColumnarGraphSlice): Buffer {
  const { nodes, edges } = columns;
  const metadata: ColumnarMetadata = {
    attributes: columns.attributes,
    relationCodes: columns.relationCodes,
    licenseCodes: columns.licenseCodes,
    licenseChangeCodes: columns.licenseChangeCodes,
    sourceCodes: columns.sourceCodes,
  };
  const metadataBytes = Buffer.from(JSON.stringify(metadata));
  // Ends in UTF-16 code units: what the decoder slices its decoded text by (UTF-8 lengths would differ for non-ASCII).
  const idEnd = new Uint32Array(nodes.id.length);
  let end = 0;
  for (let k = 0; k < nodes.id.length; k++) {
    end += nodes.id[k].length;
    idEnd[k] = end;
  }
  const idBytes = Buffer.from(nodes.id.join(""));
  const counts: SectionCounts = {
    models: nodes.id.length,
    links: edges.parent.length,
    labelled: columns.labelled.length,
    idBytes: idBytes.length,
  };
  const metadataAt = HEADER_WORDS * 4;
  const { offsets, end: size } = sectionOffsets(counts, metadataAt + metadataBytes.length);
  const body = Buffer.alloc(size);
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
  metadataBytes.copy(body, metadataAt);
  const downloads = new Float64Array(nodes.downloads.length);
  nodes.downloads.forEach((value, k) => {
    downloads[k] = value ?? Number.NaN;
  });
  const sections: { [name in keyof FamilySections]: ArrayLike<number> } = {
    downloads,
    x: nodes.x,
    y: nodes.y,
    descendants: nodes.descendants,
    license: nodes.license,
    subfamily: nodes.subfamily,
    idEnd,
    labelled: columns.labelled,
    linkParent: edges.parent,
    linkChild: edges.child,
    generation: nodes.generation,
    relation: nodes.relation,
    hasHiddenChildren: nodes.hasHiddenChildren,
    linkRelation: edges.relation,
    linkSource: edges.source,
    linkLicenseChange: edges.licenseChange,
    ids: idBytes,
  };
  // Typed arrays are in the platform's byte order; the layout is little-endian.
  if (endianness() !== "LE") throw new Error("encodeColumnarBinary: the binary layout needs a little-endian host");
  FAMILY_SECTIONS.forEach((section, i) => {
    const values = sections[section.name];
    new section.array(body.buffer, body.byteOffset + offsets[i], counts[section.count]).set(values);
  });
  return body;
}

// Reads the binary answer of GET /api/graph/columnar?format=binary (layout in common/family-binary-layout.ts): each
// column is a typed array over the received buffer, no copy; the ids come from one UTF-8 decode.
import {
  FAMILY_BINARY_MAGIC,
  FAMILY_BINARY_VERSION,
  FAMILY_SECTIONS,
  type FamilySections,
  HEADER_WORDS,
  type SectionCounts,
  sectionOffsets,
} from "../../common/family-binary-layout";
import type { FamilyColumns } from "./columnar-graph";

/** The answer is not a family in the binary layout this client reads (another version, cut short, corrupt). */
export class FamilyBinaryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FamilyBinaryError";
  }
}

type SectionConstructor = new (buffer: ArrayBuffer, byteOffset: number, length: number) => ArrayLike<number>;

const isLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The family in `buffer` as columns; throws FamilyBinaryError when it is not a whole answer of this version. */
export function decodeColumnarBinary(buffer: ArrayBuffer): FamilyColumns {
  if (!isLittleEndian)
    throw new FamilyBinaryError("decodeColumnarBinary: the layout is little-endian; use the JSON form");
  if (buffer.byteLength < HEADER_WORDS * 4) throw new FamilyBinaryError("decodeColumnarBinary: no header");
  const [magic, version, models, links, labelled, metadataBytes, idBytes] = new Uint32Array(buffer, 0, HEADER_WORDS);
  if (magic !== FAMILY_BINARY_MAGIC || version !== FAMILY_BINARY_VERSION)
    throw new FamilyBinaryError(`decodeColumnarBinary: not a family answer of version ${FAMILY_BINARY_VERSION}`);
  const metadataAt = HEADER_WORDS * 4;
  const counts: SectionCounts = { models, links, labelled, idBytes };
  const { offsets, end } = sectionOffsets(counts, metadataAt + metadataBytes);
  if (end > buffer.byteLength)
    throw new FamilyBinaryError(`decodeColumnarBinary: ${buffer.byteLength} bytes where the header says ${end}`);
  const text = new TextDecoder();
  const metadata = JSON.parse(text.decode(new Uint8Array(buffer, metadataAt, metadataBytes))) as Pick<
    FamilyColumns,
    "attributes" | "relationCodes" | "licenseCodes" | "licenseChangeCodes" | "sourceCodes"
  >;
  const sections = {} as Record<keyof FamilySections, ArrayLike<number>>;
  FAMILY_SECTIONS.forEach((section, i) => {
    const array = section.array as unknown as SectionConstructor;
    sections[section.name] = new array(buffer, offsets[i], counts[section.count]);
  });
  const { idEnd } = sections;
  const allIds = text.decode(sections.ids as Uint8Array);
  const id = new Array<string>(models);
  for (let k = 0, from = 0; k < models; from = idEnd[k++]) id[k] = allIds.slice(from, idEnd[k]);
  return {
    ...metadata,
    nodes: {
      id,
      x: sections.x,
      y: sections.y,
      generation: sections.generation,
      relation: sections.relation,
      descendants: sections.descendants,
      downloads: sections.downloads,
      hasHiddenChildren: sections.hasHiddenChildren,
      license: sections.license,
      subfamily: sections.subfamily,
    },
    labelled: sections.labelled,
    edges: {
      parent: sections.linkParent,
      child: sections.linkChild,
      relation: sections.linkRelation,
      source: sections.linkSource,
      licenseChange: sections.linkLicenseChange,
    },
  };
}

// Reads the binary answer of GET /api/graph/columnar?format=binary (layout in common/family-binary-layout.ts): each
// column is a typed array over the received buffer, no copy; the ids come from one UTF-8 decode.
import {
  ELEMENT_TYPES,
  FAMILY_BINARY_MAGIC,
  FAMILY_BINARY_VERSION,
  FAMILY_SECTIONS,
  HEADER_WORDS,
  METADATA_AT,
  type SectionCounts,
  type SectionName,
  sectionOffsets,
} from "../../common/family-binary-layout";
import type { FamilyColumns } from "./family-columns";

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
  const fail = (why: string) => new FamilyBinaryError(`decodeColumnarBinary: ${why}`);
  if (!isLittleEndian) throw fail("the layout is little-endian; ask for the JSON form");
  if (buffer.byteLength < METADATA_AT) throw fail("no header");
  const [magic, version, models, links, labelled, metadataBytes, idBytes] = new Uint32Array(buffer, 0, HEADER_WORDS);
  if (magic !== FAMILY_BINARY_MAGIC || version !== FAMILY_BINARY_VERSION)
    throw fail(`not a family answer of version ${FAMILY_BINARY_VERSION}`);
  const types = Array.from(new Uint8Array(buffer, HEADER_WORDS * 4, FAMILY_SECTIONS.length), (code) => {
    if (code >= ELEMENT_TYPES.length) throw fail(`unknown element type ${code}`);
    return ELEMENT_TYPES[code];
  });
  const counts: SectionCounts = { models, links, labelled, idBytes };
  const { offsets, end } = sectionOffsets(counts, types, METADATA_AT + metadataBytes);
  if (end > buffer.byteLength) throw fail(`${buffer.byteLength} bytes where the header says ${end}`);
  const text = new TextDecoder();
  const metadata = JSON.parse(text.decode(new Uint8Array(buffer, METADATA_AT, metadataBytes))) as Pick<
    FamilyColumns,
    "attributes" | "relationCodes" | "licenseCodes" | "licenseChangeCodes" | "sourceCodes"
  >;
  const sections = {} as Record<SectionName, ArrayLike<number>>;
  FAMILY_SECTIONS.forEach((section, i) => {
    const array = types[i] as unknown as SectionConstructor;
    sections[section.name] = new array(buffer, offsets[i], counts[section.count]);
  });
  const { idLength } = sections;
  const allIds = text.decode(sections.ids as Uint8Array);
  const id = new Array<string>(models);
  for (let k = 0, from = 0; k < models; k++) {
    const to = from + idLength[k];
    id[k] = allIds.slice(from, to);
    from = to;
  }
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

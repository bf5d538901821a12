// Licence families (the documented table) and the kind of a licence change between a parent and its derivative.

/** What a family of licences obliges a derivative to keep. */
export type LicenseRestriction = "share-alike" | "non-commercial" | "use-policy";

export const LICENSE_FAMILY_NAMES = ["permissive", "copyleft", "non-commercial", "use-restricted", "other"] as const;
export type LicenseFamilyName = (typeof LICENSE_FAMILY_NAMES)[number];

export interface LicenseFamily {
  name: LicenseFamilyName;
  /** Hub licence ids (lower case) of the family; a trailing `*` matches any suffix. */
  ids: readonly string[];
  restrictions: readonly LicenseRestriction[];
}

/**
 * The table, first match wins; any licence in none of them is `other` (the Hub's own `other` too), whose
 * restrictions are unknown. Ids are the Hub's licence identifiers
 * (https://huggingface.co/docs/hub/repositories-licenses).
 */
export const LICENSE_FAMILIES: readonly LicenseFamily[] = [
  {
    name: "non-commercial",
    ids: ["cc-by-nc-*", "cc-by-nc-sa-*", "cc-by-nc-nd-*"],
    restrictions: ["non-commercial"],
  },
  {
    name: "use-restricted",
    ids: [
      "llama2",
      "llama3*",
      "llama4*",
      "gemma",
      "openrail*",
      "creativeml-openrail-m",
      "bigscience-openrail-m",
      "bigcode-openrail-m",
      "bigscience-bloom-rail-*",
      "deepfloyd-if-license",
      "apple-ascl",
      "intel-research",
      "lgpl-lr",
      "c-uda",
    ],
    restrictions: ["use-policy"],
  },
  {
    name: "copyleft",
    ids: [
      "gpl*",
      "lgpl*",
      "agpl*",
      "cc-by-sa-*",
      "mpl-2.0",
      "epl-*",
      "eupl-*",
      "osl-3.0",
      "odbl",
      "gfdl",
      "cdla-sharing-*",
    ],
    restrictions: ["share-alike"],
  },
  {
    name: "permissive",
    ids: [
      "apache-2.0",
      "mit",
      "bsd*",
      "isc",
      "zlib",
      "unlicense",
      "wtfpl",
      "cc0-1.0",
      "cc-by-2.0",
      "cc-by-2.5",
      "cc-by-3.0",
      "cc-by-4.0",
      "afl-3.0",
      "artistic-2.0",
      "bsl-1.0",
      "ecl-2.0",
      "ms-pl",
      "ncsa",
      "postgresql",
      "pddl",
      "odc-by",
      "cdla-permissive-*",
      "etalab-2.0",
      "ofl-1.1",
      "lppl-1.3c",
    ],
    restrictions: [],
  },
];

const OTHER: LicenseFamily = { name: "other", ids: [], restrictions: [] };

/** A licence as compared: lower case and trimmed; null when unknown (absent, empty or `unknown`). */
export function knownLicense(license: string | null | undefined): string | null {
  const value = license?.trim().toLowerCase() ?? "";
  return value === "" || value === "unknown" ? null : value;
}

export function licenseFamily(license: string): LicenseFamily {
  const id = license.trim().toLowerCase();
  const matches = (pattern: string) => (pattern.endsWith("*") ? id.startsWith(pattern.slice(0, -1)) : id === pattern);
  return LICENSE_FAMILIES.find((family) => family.ids.some(matches)) ?? OTHER;
}

export const LICENSE_CHANGE_KINDS = ["may-conflict", "changed"] as const;
export type LicenseChangeKind = (typeof LICENSE_CHANGE_KINDS)[number];

/**
 * The kind of change from a parent's licence to its derivative's; null when either is unknown or they are the
 * same. `may-conflict` when the derivative's licence is of a known family that drops a restriction the parent's
 * carries (llama2 -> apache-2.0, cc-by-nc-4.0 -> mit, gpl-3.0 -> mit); `changed` otherwise, including a change
 * to `other` (its terms are unknown) or to a licence with more restrictions.
 */
export function licenseChangeKind(parent: string | null, child: string | null): LicenseChangeKind | null {
  const from = knownLicense(parent);
  const to = knownLicense(child);
  if (from === null || to === null || from === to) return null;
  const parentFamily = licenseFamily(from);
  const childFamily = licenseFamily(to);
  if (parentFamily.name === "other" || childFamily.name === "other") return "changed";
  const dropsRestriction = parentFamily.restrictions.some((r) => !childFamily.restrictions.includes(r));
  return dropsRestriction ? "may-conflict" : "changed";
}

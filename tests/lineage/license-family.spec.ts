// licenseFamily and licenseChangeKind: the documented table of licence families and the kind of each change.
import { knownLicense, licenseChangeKind, licenseFamily } from "../../lineage/license-family";

describe("licenseFamily", () => {
  it.each([
    ["apache-2.0", "permissive"],
    ["MIT", "permissive"],
    ["bsd-3-clause", "permissive"],
    ["gpl-3.0", "copyleft"],
    ["cc-by-sa-4.0", "copyleft"],
    ["cc-by-nc-4.0", "non-commercial"],
    ["cc-by-nc-sa-4.0", "non-commercial"],
    ["llama2", "use-restricted"],
    ["llama3.1", "use-restricted"],
    ["gemma", "use-restricted"],
    ["creativeml-openrail-m", "use-restricted"],
    ["openrail++", "use-restricted"],
    ["other", "other"],
    ["some-new-licence", "other"],
  ])("puts %s in %s", (license, family) => {
    expect(licenseFamily(license).name).toBe(family);
  });
});

describe("licenseChangeKind", () => {
  it("never sees a change where a licence is unknown, absent or the same", () => {
    expect(licenseChangeKind(null, "mit")).toBeNull();
    expect(licenseChangeKind("mit", "unknown")).toBeNull();
    expect(licenseChangeKind("", "mit")).toBeNull();
    expect(licenseChangeKind("MIT", "mit")).toBeNull();
    expect(knownLicense(" Unknown ")).toBeNull();
  });

  it.each([
    ["llama2", "apache-2.0", "may-conflict"],
    ["gemma", "apache-2.0", "may-conflict"],
    ["cc-by-nc-4.0", "mit", "may-conflict"],
    ["gpl-3.0", "mit", "may-conflict"],
    ["cc-by-nc-4.0", "llama3", "may-conflict"],
    ["mit", "other", "changed"],
    ["other", "apache-2.0", "changed"],
    ["apache-2.0", "llama2", "changed"],
    ["llama2", "llama3.1", "changed"],
    ["apache-2.0", "mit", "changed"],
  ])("%s -> %s is %s", (parent, child, kind) => {
    expect(licenseChangeKind(parent, child)).toBe(kind);
  });
});

// Tests of the file readers: adapter_config.json, config.json and GGUF metadata.
import { readAdapterConfig, readConfig, readGgufMetadata } from "../../../lineage/infer/infer-files";

describe("readAdapterConfig", () => {
  it("reads base_model_name_or_path as an adapter's parent", () => {
    expect(readAdapterConfig({ base_model_name_or_path: "org-a/base-7b", peft_type: "LORA" })).toEqual([
      expect.objectContaining({ id: "org-a/base-7b", kind: "adapter-config", relation: "adapter", weight: 0.97 }),
    ]);
  });

  it.each([[{ base_model_name_or_path: "/content/drive/base" }], [{}], [null], ["text"], [[1, 2]]])(
    "finds nothing in %j",
    (value) => {
      expect(readAdapterConfig(value)).toEqual([]);
    },
  );
});

describe("readConfig", () => {
  it("reads _name_or_path, as a quantization when the config carries a quantization_config", () => {
    expect(readConfig({ _name_or_path: "org-a/base-7b" }, "me/model")).toEqual([
      expect.objectContaining({ id: "org-a/base-7b", relation: "finetune" }),
    ]);
    expect(
      readConfig({ _name_or_path: "org-a/base-7b", quantization_config: { bits: 4 } }, "me/model")[0].relation,
    ).toBe("quantized");
  });

  it("ignores local paths and the model itself", () => {
    expect(readConfig({ _name_or_path: "./outputs/final" }, "me/model")).toEqual([]);
    expect(readConfig({ _name_or_path: "Me/Model" }, "me/model")).toEqual([]);
  });
});

describe("readGgufMetadata", () => {
  it("reads the converted source as the parent and its base models as grandparents", () => {
    const findings = readGgufMetadata(
      {
        "general.source.huggingface.repository": "org-a/tuned-7b",
        "general.base_model.count": 2,
        "general.base_model.0.repo_url": "https://huggingface.co/org-a/base-7b",
        "general.base_model.1.organization": "Org B",
        "general.base_model.1.name": "Other 7B",
      },
      "me/tuned-7b-GGUF",
    );
    expect(findings.map((f) => [f.id, f.weight])).toEqual([
      ["org-a/tuned-7b", 0.95],
      ["org-a/base-7b", 0.05],
      ["Org-B/Other-7B", 0.05],
    ]);
  });

  it("weighs base models as a fair guess when no source is recorded", () => {
    const findings = readGgufMetadata(
      { "general.base_model.count": 1, "general.base_model.0.repo_url": "https://huggingface.co/org-a/base-7b" },
      null,
    );
    expect(findings).toEqual([expect.objectContaining({ id: "org-a/base-7b", weight: 0.45, relation: "quantized" })]);
  });

  it("survives junk values", () => {
    expect(readGgufMetadata({ "general.base_model.count": "many", "general.source.repo_url": 7 }, null)).toEqual([]);
    expect(readGgufMetadata({ "general.base_model.count": 1e9 }, null)).toEqual([]);
  });
});

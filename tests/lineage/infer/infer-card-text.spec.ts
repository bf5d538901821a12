// Tests of preparing a card for inference: hiding declared parents, broken YAML, the own id from a file name.
import {
  hideDeclaredParents,
  idFromCardFileName,
  prepareCardForInference,
} from "../../../lineage/infer/infer-card-text";

describe("prepareCardForInference", () => {
  it("hides base_model, base_model_relation and base_model:* tags, keeping the rest", () => {
    const card =
      "---\nbase_model: a/b\nbase_model_relation: merge\ntags:\n- lora\n- base_model:adapter:a/b\ndatasets: " +
      "[d/e]\n---\nBody\n";
    expect(prepareCardForInference(card)).toEqual({
      frontMatter: { tags: ["lora"], datasets: ["d/e"] },
      body: "Body\n",
    });
  });

  it("treats a second metadata block at the top of the body as front matter too", () => {
    const card = "---\nlicense: mit\n---\n---\nbase_model: /home/x/model\nlibrary_name: peft\n---\n# Title\n";
    expect(prepareCardForInference(card)).toMatchObject({
      frontMatter: { license: "mit", library_name: "peft" },
      body: "# Title\n",
    });
  });

  it("keeps the body when the YAML is broken", () => {
    expect(prepareCardForInference("---\ntags: [a\n---\nBody")).toEqual({ frontMatter: {}, body: "Body" });
  });

  it("reads a card without front matter as all body", () => {
    expect(prepareCardForInference("# Just text")).toEqual({ frontMatter: {}, body: "# Just text" });
  });
});

describe("hideDeclaredParents", () => {
  it("does not touch non-string tags or other keys", () => {
    expect(hideDeclaredParents({ tags: [1, "Base_Model:x/y", "ok"], base_model: ["x/y"] })).toEqual({
      tags: [1, "ok"],
    });
  });
});

describe("idFromCardFileName", () => {
  it("splits owner_name.md at the first underscore unless a link shows the owner has one", () => {
    expect(idFromCardFileName("skt_A.X-4.0.md", "")).toBe("skt/A.X-4.0");
    expect(idFromCardFileName("/x/my_org_model.md", "see https://huggingface.co/my_org/model")).toBe("my_org/model");
    expect(idFromCardFileName("README.md", "")).toBeNull();
  });
});

// Image LoRAs named only by family (tags or their own name) resolve to the family's base, below an explicit statement.
import { readImageFamily } from "../../../lineage/infer/infer-image-family";

const LORA_TAGS = ["text-to-image", "stable-diffusion", "lora", "diffusers", "template:sd-lora"];

describe("readImageFamily", () => {
  it("resolves a FLUX LoRA named by its own id to FLUX.1 [dev], as an adapter with a low weight", () => {
    const found = readImageFamily({ tags: LORA_TAGS }, "kudzueye/boreal-flux-dev-v2");
    expect(found).toMatchObject({
      id: "black-forest-labs/FLUX.1-dev",
      finding: { kind: "family-tag", relation: "adapter" },
    });
    expect(found?.finding.weight).toBeLessThan(0.9);
  });

  it("resolves an SDXL LoRA named by a tag", () => {
    expect(readImageFamily({ tags: [...LORA_TAGS, "sdxl"] }, "someone/ink-style")?.id).toBe(
      "stabilityai/stable-diffusion-xl-base-1.0",
    );
  });

  it("names nothing for a full model, a schnell model, a bare -xl name, two families, or a text model", () => {
    expect(readImageFamily({ tags: ["text-to-image", "diffusers"] }, "a/flux-finetune")).toBeNull();
    expect(readImageFamily({ tags: LORA_TAGS }, "a/flux-schnell-lora")).toBeNull();
    expect(readImageFamily({ tags: LORA_TAGS }, "a/dalle-3-xl")).toBeNull();
    expect(readImageFamily({ tags: [...LORA_TAGS, "sdxl"] }, "a/flux-lora")).toBeNull();
    expect(readImageFamily({ tags: ["lora", "text-generation"] }, "a/flux-chat")).toBeNull();
  });
});

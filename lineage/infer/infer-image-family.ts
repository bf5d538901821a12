// An image LoRA whose card names its family only by tags or its own name (FLUX, SDXL): the family's base model.
import { frontMatterStrings } from "./infer-card-text";
import { modelName } from "./infer-hub-ids";
import type { Finding } from "./infer-scoring";

/**
 * Below an explicit statement: a tag or a name says which family, not which checkpoint of it; the canonical base
 * is the usual one (FLUX.1 [dev] for FLUX LoRAs, SDXL base 1.0 for SDXL ones) but not always.
 */
const FAMILY_TAG_WEIGHT = 0.55;

const IMAGE_MARKS = new Set(["text-to-image", "stable-diffusion", "diffusers", "template:sd-lora", "image-to-image"]);
const ADAPTER_MARKS = new Set(["lora", "template:sd-lora", "lycoris", "dreambooth"]);

const IMAGE_FAMILIES = [
  { id: "black-forest-labs/FLUX.1-dev", words: /(?:^|[-_ .])flux(?:[-_ .]?1)?(?:[-_ .]?dev)?(?![a-z])(?!.*schnell)/i },
  // A bare "-xl" is left out: SDXL's many fine-tunes are named so (`animagine-xl`), and LoRAs often target those.
  { id: "stabilityai/stable-diffusion-xl-base-1.0", words: /(?:^|[-_ .])(?:sdxl|stable-diffusion-xl)(?![a-z])/i },
] as const;

/** One finding for the family's base, or null when the card is not an image LoRA's or names no single family. */
export function readImageFamily(
  frontMatter: Record<string, unknown>,
  selfId: string | null,
): { id: string; finding: Finding } | null {
  const tags = frontMatterStrings(frontMatter, "tags").map((tag) => tag.toLowerCase());
  const library = typeof frontMatter.library_name === "string" ? frontMatter.library_name.toLowerCase() : "";
  const pipeline = typeof frontMatter.pipeline_tag === "string" ? frontMatter.pipeline_tag.toLowerCase() : "";
  const isImage = library === "diffusers" || IMAGE_MARKS.has(pipeline) || tags.some((tag) => IMAGE_MARKS.has(tag));
  // Only LoRAs: a full image model named after a family is as often a fine-tune of one of its fine-tunes.
  if (!isImage || !tags.some((tag) => ADAPTER_MARKS.has(tag))) return null;
  const name = selfId === null ? "" : modelName(selfId);
  // Tags are matched whole; the name by its words (`boreal-flux-dev-v2`, `ikea-instructions-lora-sdxl`).
  const named = IMAGE_FAMILIES.filter(
    (family) => family.words.test(name) || tags.some((tag) => family.words.test(tag) && tag.length <= 24),
  );
  if (named.length !== 1) return null;
  const [family] = named;
  const where = family.words.test(name) ? `the model's name ${name}` : "the card's tags";
  return {
    id: family.id,
    finding: {
      kind: "family-tag",
      text: `an image LoRA whose family is named only in ${where}`,
      weight: FAMILY_TAG_WEIGHT,
      relation: "adapter",
    },
  };
}

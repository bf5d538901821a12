// The cue tables of phrase classification: what before or after a mention makes it a parent or not.
import type { Relation } from "../types";

export interface ParentCue {
  pattern: RegExp;
  relation: Relation | null;
  weight: number;
  /** Most characters allowed between the cue and the mention ("built on *the open-source* Qwen2.5"). */
  maxGap: number;
  /** A label ("Base model:") counts only at the start of its line or sentence, not inside a longer phrase. */
  anchored?: boolean;
  /** Names what this model was converted or quantized from ("GGUF of", "Original model:", "conversion of"). */
  isSource?: boolean;
  /** May introduce several parents ("merge of A and B", "Base models: A, B"); other cues have one. */
  allowsSeveral?: boolean;
}

/** Quantization and conversion format words. */
export const Q =
  "(?:gguf|ggml|awq|gptq|exl2|exllamav2|hqq|mlx|bnb|bitsandbytes|nf4|fp8|int4|int8|[48]-?bits?|imatrix|" +
  "static|weighted/imatrix|llamacpp|llama\\.cpp|iq)";

/** Phrases that introduce a parent; `relation` null means the phrase says "derived" without saying how. */
export const PARENT_CUES: ParentCue[] = [
  {
    pattern: /\bquanti[sz](?:ed|ations?)(?: versions?| models?| variants?| weights)? (?:of|from)\b/g,
    relation: "quantized",
    weight: 0.92,
    maxGap: 40,
    isSource: true,
  },
  {
    pattern: new RegExp(
      `\\b${Q}(?:[ -](?:imatrix|quanti[sz]ed|format|versions?|models?|weights|files|conversions?|quants?|` +
        `quanti[sz]ations?))* (?:of|for|from)\\b`,
      "g",
    ),
    relation: "quantized",
    weight: 0.9,
    maxGap: 40,
    isSource: true,
  },
  { pattern: /\bquants? (?:of|for)\b/g, relation: "quantized", weight: 0.9, maxGap: 40, isSource: true },
  {
    pattern:
      /\boriginal (?:weights|model)[^.,]{0,12}, (?:please )?(?:find|get|download|see) (?:them|it)(?: at| here| on)?\b/g,
    relation: null,
    weight: 0.7,
    maxGap: 10,
    isSource: true,
  },
  {
    pattern: new RegExp(
      "\\b(?:original|full|unquanti[sz]ed|fp16|bf16|full-precision|full precision|source) (?:weights|model|" +
        "checkpoint|version|repo(?:sitory)?)s?\\b",
      "g",
    ),
    relation: null,
    weight: 0.7,
    maxGap: 40,
    isSource: true,
  },
  {
    pattern: new RegExp(
      "\\b(?:onnx|openvino|coreml|tflite|tensorrt|llamafile|mlx|safetensors|diffusers|ct2|" +
        "ctranslate2)(?: format)? (?:version|conversion|export|port|weights) of\\b",
      "g",
    ),
    relation: null,
    weight: 0.85,
    maxGap: 30,
    isSource: true,
  },
  {
    pattern: /\bconver(?:ted|sion) (?:to [\w. -]{1,24} )?(?:from|of)\b/g,
    relation: null,
    weight: 0.85,
    maxGap: 30,
    isSource: true,
  },
  {
    pattern: new RegExp(
      "\\b(?:fine-?tun(?:ed|ing)|instruction-?tuned|instruct-?tuned|tuned|trained|post-?trained|" +
        "aligned)(?: version| variant| model| checkpoint| iteration| edition)s? of\\b",
      "g",
    ),
    relation: "finetune",
    weight: 0.92,
    maxGap: 40,
  },
  { pattern: /\bfine-?tun(?:es?|ed)(?: \([^)]{1,20}\))? of\b/g, relation: "finetune", weight: 0.9, maxGap: 40 },
  {
    pattern: new RegExp(
      "\\b(?:fine-?tuned|finetuned|trained|tuned|initiali[sz]ed|warm-?started)(?: directly| further|" +
        " initially)? (?:from|on top of|upon|based on|starting from)\\b",
      "g",
    ),
    relation: "finetune",
    weight: 0.9,
    maxGap: 40,
  },
  { pattern: /\b(?:fine-?tuned|finetuned|trained) (?:with|using)\b/g, relation: "finetune", weight: 0.55, maxGap: 20 },
  // "The model is built by fine-tuning [X] on ...", "obtained through continued pre-training of [X]".
  {
    pattern: /\b(?:by|via|through|after) (?:further )?(?:fine-?tuning|finetuning|continued pre-?training)(?: of)?\b/g,
    relation: "finetune",
    weight: 0.8,
    maxGap: 30,
  },
  {
    pattern: /\b(?:fine-?tuned|finetuned|trained|tuned) from(?: model)?\s*[:：]/g,
    relation: "finetune",
    weight: 0.95,
    maxGap: 30,
    anchored: true,
  },
  {
    pattern:
      /\b(?:we|i|they|was|were|has been|have been|is)\s+(?:further\s+|fully\s+)?(?:fine-?tuned|finetuned|trained)\b/g,
    relation: "finetune",
    weight: 0.8,
    maxGap: 6,
  },
  {
    pattern: /\b(?:original|source) (?:models?|checkpoints?|weights|model\(s\))\s*(?:[:：=]|\bis\b|\bwas\b|-)/g,
    relation: null,
    weight: 0.9,
    maxGap: 30,
    anchored: true,
    isSource: true,
    allowsSeveral: true,
  },
  {
    pattern: new RegExp(
      "\\b(?:base|parent|foundation|backbone|pre-?trained|underlying|starting|initial|language) (?:models?|" +
        "llms?|checkpoints?|weights|model\\(s\\))\\s*(?:[:：=]|\\bis\\b|\\bwas\\b|-)",
      "g",
    ),
    relation: null,
    weight: 0.9,
    maxGap: 30,
    anchored: true,
    allowsSeveral: true,
  },
  {
    pattern: /\b(?:initiali[sz]ed|initiali[sz]ation|init) (?:from )?(?:models?|checkpoints?|weights)\s*[:：]/g,
    relation: "finetune",
    weight: 0.85,
    maxGap: 30,
    anchored: true,
  },
  { pattern: /\barchitecture\s*[:：]/g, relation: null, weight: 0.75, maxGap: 30, anchored: true, allowsSeveral: true },
  {
    pattern:
      /\b(?:continued|continual|further|additional)[ -](?:pre-?)?train(?:ed|ing)?(?: of| from| on top of| upon)\b/g,
    relation: "finetune",
    weight: 0.85,
    maxGap: 40,
  },
  {
    pattern: new RegExp(
      "\\b(?:distilled|pruned|derived|adapted|upscaled|expanded|extended|retrained|re-trained|created|" +
        "developed|built|made|continued|stems|stemming|originates|descends)(?: directly)? (?:from|on top of|" +
        "upon)\\b",
      "g",
    ),
    relation: "finetune",
    weight: 0.8,
    maxGap: 40,
  },
  {
    pattern: new RegExp(
      "\\b(?:extension|adaptation|continuation|derivative|descendant|variant|distillation|re-?upload|reupload|" +
        "copy|mirror|frankenstein)s? of\\b",
      "g",
    ),
    relation: "finetune",
    weight: 0.8,
    maxGap: 40,
  },
  // A few other languages' "based on" / "fine-tuned from" (Russian, Chinese, Japanese, Korean, Spanish, French, German cards).
  {
    pattern:
      /(?:основан[аоы]? на|на основе|дообучен\S* (?:на|из|с)|улучшенн\S* верси\S*|基于|基於|微调自|をベースに|기반으로|basad[oa] en|baseado em|basé sur|basiert auf|basato su)/g,
    relation: "finetune",
    weight: 0.8,
    maxGap: 20,
  },
  {
    pattern: new RegExp(
      "\\b(?:distilled|pruned|uncensored|abliterated|improved|enhanced|extended|modified|customi[sz]ed|" +
        "specialized|optimized|vocabulary-extended|retrained|trained|merged|converted|lora|dpo|sft|orpo|" +
        "(?:\\w+-)?tuned) version of\\b",
      "g",
    ),
    relation: "finetune",
    weight: 0.85,
    maxGap: 40,
  },
  // "a version of" alone is as often a sibling ("a tiny version of this model") as a parent: a hint only.
  { pattern: /\bversion of\b/g, relation: null, weight: 0.45, maxGap: 30 },
  { pattern: /\bbased (?:on|upon)\b/g, relation: "finetune", weight: 0.8, maxGap: 40 },
  { pattern: /\bbuilt (?:up)?on(?: top of)?\b/g, relation: "finetune", weight: 0.85, maxGap: 40 },
  { pattern: /\bon top of\b/g, relation: "finetune", weight: 0.7, maxGap: 30 },
  {
    pattern: /\b(?:merge|merging|mix|blend|combination|frankenmerge|self-merge|moe)s? of\b/g,
    relation: "merge",
    weight: 0.9,
    maxGap: 60,
    allowsSeveral: true,
  },
  { pattern: /\bmerged? (?:with|from|together)\b/g, relation: "merge", weight: 0.85, maxGap: 40, allowsSeveral: true },
  { pattern: /\bmerge method using\b/g, relation: "merge", weight: 0.92, maxGap: 10, allowsSeveral: true },
  {
    pattern: /\b(?:included in the merge|models? merged|merged models?)\s*:?/g,
    relation: "merge",
    weight: 0.92,
    maxGap: 10,
    allowsSeveral: true,
  },
  {
    pattern: new RegExp(
      "\\b(?:lora|qlora|peft|adapters?|lycoris|loha|dora|dreambooth|textual inversion)(?: adaption|" +
        " adaptation| adapters?)?(?: weights| model| module| checkpoint)? (?:for|of|on top of|trained on|" +
        "trained with)\\b",
      "g",
    ),
    relation: "adapter",
    weight: 0.85,
    maxGap: 30,
  },
  {
    pattern:
      /\b(?:controlnet|t2i-adapter|ip-adapter)(?: weights| model| checkpoint)s? (?:for|of|trained on|trained with)\b/g,
    relation: null,
    weight: 0.85,
    maxGap: 30,
  },
];

/** What may stand between a mention and the words after it: closing markup, not the start of another link. */
const AFTER_GAP = "[\\s)*_`'\"’]{0,4}";

/** Phrases after a mention that make it a parent: "[X] as a base", "[X] self-merge". */
export const PARENT_AFTER_CUES: ParentCue[] = [
  {
    pattern: new RegExp(`^${AFTER_GAP}(?:${Q}|quants?|quanti[sz]ed|quanti[sz]ations?)\\b(?![-/]|\\s*:)`),
    relation: "quantized",
    weight: 0.8,
    maxGap: 0,
    isSource: true,
  },
  {
    pattern: new RegExp(`^${AFTER_GAP}(?:controlnet|t2i-adapter|ip-adapter|lora|adapter)\\b(?![-/])`),
    relation: null,
    weight: 0.8,
    maxGap: 0,
  },
  {
    pattern: new RegExp(
      `^${AFTER_GAP}(?:'s )?(?:fine-?tuned|finetuned|instruction-tuned|further trained|trained further|` +
        `continued pre-?training)\\b`,
    ),
    relation: "finetune",
    weight: 0.8,
    maxGap: 0,
  },
  {
    pattern: new RegExp(`^${AFTER_GAP}(?:was |is )?(?:used )?as (?:a |the |our )?base\\b`),
    relation: "merge",
    weight: 0.9,
    maxGap: 0,
    allowsSeveral: true,
  },
  {
    pattern: new RegExp(
      `^${AFTER_GAP}(?:was |is )?(?:used )?as (?:a |the |its |our )?(?:[a-z]+ ){0,2}(?:backbone|encoder|decoder|` +
        `base model|language model|llm)\\b`,
    ),
    relation: null,
    weight: 0.8,
    maxGap: 0,
    allowsSeveral: true,
  },
  {
    pattern: new RegExp(`^${AFTER_GAP}(?:self-merge|frankenmerge)\\b`),
    relation: "merge",
    weight: 0.9,
    maxGap: 0,
    allowsSeveral: true,
  },
];

/** A modality ("vision", "clip") and the part of the model that handles it ("encoder", "tower"). */
const MODALITY_PART =
  "(?:vision|image|visual|video|audio|speech|text|clip|siglip)[ -]" +
  "(?:encoders?|towers?|feature[ -]extractors?|projectors?|modules?)";

/**
 * A part of the model that is not its parent: modality encoders, tokenizers, VAEs, projectors, reward, teacher
 * and draft models. The parent of a vision-language model is its language model; a distilled model's parent is
 * the checkpoint it starts from, not its teacher.
 */
export const COMPONENT = `(?:${[
  MODALITY_PART,
  "tokeni[sz]ers?",
  "vaes?",
  "(?:variational )?auto-?encoders?",
  "projectors?",
  "q-?formers?",
  "reward models?",
  "teachers?(?: models?)?",
  "draft models?",
  "embedding models?",
  "safety checkers?",
].join("|")})`;

/** "[X] as the vision encoder" after a mention. */
export const COMPONENT_AFTER = new RegExp(
  `^${AFTER_GAP}(?:was |is )?(?:used |serves |serving |acts |acting )?as (?:a |the |its |` +
    `our )?(?:[a-z-]+ ){0,2}${COMPONENT}\\b`,
);

/** A sentence or list item labelled with a component ("Vision encoder: [X]", "Q-Former: ... based on [X]"). */
export const COMPONENT_LABEL = new RegExp(
  `^[^a-z0-9]*(?:(?:the|its|our)\\s+)?${COMPONENT}\\s*(?:\\([^)]*\\)\\s*)?[:：]`,
);

/** "[X] architecture" after a mention: a shared design, not shared weights. */
export const ARCHITECTURE_ONLY = /^[\s)\]'"’*_-]{0,4}(?:-?based )?(?:model )?architectures?\b/;

/** Words after a mention that confirm a weak cue before it ("a version of [X], fine-tuned on ..."). */
export const AFTER_CONFIRMS = {
  pattern: /^[\s),]{0,4}(?:which (?:was|has been|is) )?(?:further )?(?:fine-?tuned|trained|adapted|aligned)\b/,
  weight: 0.8,
};

// The phrases that make a mention something other than a parent: benchmarks, credits, datasets, components.
import { COMPONENT, Q } from "./infer-phrase-cues";

export type NotParentReason =
  | "benchmark"
  | "credit"
  | "see-also"
  | "dataset"
  | "usage"
  | "ancestor"
  | "architecture"
  | "other-model"
  | "component";

/** Phrases that make a mention something other than a parent; they win over a parent cue that ends earlier. */
export const NOT_PARENT_CUES: { pattern: RegExp; reason: NotParentReason }[] = [
  // Grandparents: "finetuned from X and ultimately based on Y".
  {
    pattern: new RegExp(
      "\\b(?:ultimately|originally|eventually|in turn|itself) (?:based|derived|built|trained|" +
        "fine-?tuned)(?: on| upon| from)?\\b",
      "g",
    ),
    reason: "ancestor",
  },
  {
    pattern: new RegExp(
      "\\b(?:model )?(?:card|readme|description|template) (?:is |was )?(?:adapted|copied|taken|borrowed|" +
        "derived|inspired|based)(?: on| from| by)?\\b",
      "g",
    ),
    reason: "usage",
  },
  {
    pattern: new RegExp(
      "\\b(?:outperform\\w*|surpass\\w*|beat(?:s|ing)?|exceed\\w*|rival\\w*|better than|worse than|" +
        "compared? (?:to|with|against)|comparisons?|comparable (?:to|with)|competitive with|on par with|vs\\.?|" +
        "versus|than|ahead of|against|benchmarks?|scores?)\\b",
      "g",
    ),
    reason: "benchmark",
  },
  {
    pattern: new RegExp(
      "\\b(?:thanks?|thank you|credits?|grateful|gratitude|shout-?outs?|kudos|sponsor\\w*|courtesy of|" +
        "acknowledg\\w*|(?:quanti[sz]ed|quants?|converted|made|created|uploaded|done|provided|prepared|packaged|" +
        "maintained|developed) by)\\b",
      "g",
    ),
    reason: "credit",
  },
  // "Quantized versions: [links]" lists children; "quantized version of [X]" (a parent) is a parent cue above.
  {
    pattern: new RegExp(
      `\\b(?:quanti[sz]ed|${Q}) (?:versions|models|variants|quants|files|repos)\\b(?! (?:of|for|from)\\b)`,
      "g",
    ),
    reason: "see-also",
  },
  {
    pattern: new RegExp(
      "\\b(?:see also|check out|also (?:check|see|try|available)|you (?:can|may|might) (?:also )?(?:find|try|" +
        "use|check|see|download)|other (?:models|sizes|versions|variants|quants|quantizations|formats)|" +
        "related models?|more models|similar models|(?:previous|older|new|newer|newest|updated?|latest|beta|" +
        "alpha|preview|official) (?:versions?|models?|releases?|iterations?)(?: of)?|predecessors?|successors?|" +
        "collections?|leaderboards?|demo|spaces?|available (?:at|on|here|in)|find (?:it|them) (?:at|on|here))\\b",
      "g",
    ),
    reason: "see-also",
  },
  { pattern: /\b(?:datasets?|data|corpus|corpora|(?:trained|fine-?tuned|tuned) on|using the)\s*$/g, reason: "dataset" },
  // A component as the subject of the cue: "the vision encoder is initialized from [X]", "for the tokenizer, we use
  // [X]".
  {
    pattern: new RegExp(
      `(?<!(?:\\band|\\bor|,|&) )\\b${COMPONENT}(?: \\([^)]*\\))?(?:,? (?:we|it|they) (?:use[sd]?|adopt(?:s|ed)?|` +
        `employ(?:s|ed)?)|(?: (?:is|was|are|were|has been|comes?|came))?(?: (?:initiali[sz]ed|based|built|derived|` +
        `taken|adopted|loaded|borrowed|inherited|fine-?tuned|trained|copied))?(?: (?:from|on|upon|with|` +
        `of))?)\\s*[:：=]?(?=(?:\\s*(?:the|a|an|pre-?trained|[a-z]+'s))*\\s*$)`,
      "g",
    ),
    reason: "component",
  },
  {
    pattern: new RegExp(
      "\\b(?:similar(?:ly)? to|like|such as|e\\.g\\.|inspired by|same (?:as|tokenizer|architecture)|" +
        "tokenizers? (?:of|from)|chat templates?|prompt (?:format|template)s?|teachers?|reward models?|judges?|" +
        "evaluated (?:with|by|using)|generated (?:with|by|using)|annotated by|labell?ed by|vae|refiner|" +
        "upscaler|controlnets?|embedding models?|retrievers?|rerankers?|draft models?|speculative)\\b",
      "g",
    ),
    reason: "usage",
  },
];

// Tells whether the words before a lineage cue make it a statement about other models than the card's own.
import { foldModelName } from "./infer-hub-ids";

/**
 * The start of a sentence naming its subject before the cue: names joined by commas or "and", then an optional
 * noun and verb ("X-Distill-8B is derived from", "A, B and C are fine-tuned from", "X-Distill models are
 * based on"). Names are words with a digit, words extending the own name, or § (an earlier mention, not the model
 * itself); any other word (it, we, open-source) is no model name, and the rule does not apply.
 */
const SUBJECT = new RegExp(
  "^[^a-z0-9§]*(?:(?:the|this|our|both|all|each of the) )?([a-z0-9§][\\w.§-]*(?:(?:, |,? and |,? & |" +
    " \\+ )[a-z0-9§][\\w.§-]*)*)(?: (?:models?|series|checkpoints?|variants?|versions?|weights|" +
    "family))? (?:(?:is|are|was|were|has been|have been|had been)(?: (?:also|then|further|first|each|all|" +
    "both))? )?(?:(?:a|an|the) )?$",
);
/** What joins the names of a subject. */
const NAME_SEPARATOR = /, |,? and |,? & | \+ /;

/**
 * True when `head` (the normalised sentence text before a lineage cue, earlier mentions written as §) makes the
 * cue describe models other than `selfName`: siblings or children the card also introduces ("X-Distill-8B is
 * derived from Y" on the card of X; "A, B and C are fine-tuned from Y"; "[A] is a fine-tune of Y").
 * A subject that is the own name or a shorter form of it ("X-Pro is built on" for X-Pro-7B) is the model itself.
 */
export function describesOtherModels(head: string, selfName: string): boolean {
  const subject = SUBJECT.exec(head);
  if (subject === null) return false;
  const names = subject[1].split(NAME_SEPARATOR);
  const self = foldModelName(selfName);
  let hasOther = false;
  for (const name of names) {
    const folded = foldModelName(name);
    if (folded.length >= 3 && self.startsWith(folded)) return false;
    // A longer name starting with the own one ("X-Distill" on the card of X) is a sibling or child release.
    if (name.includes("§") || /\d/.test(name) || folded.startsWith(self)) hasOther = true;
    else return false;
  }
  return hasOther;
}

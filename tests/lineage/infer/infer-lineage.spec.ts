// Tests of inferLineage: each evidence kind on fixture cards, the false friends, file inputs, and the A.X 4.0 case.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  DEFAULT_INFERENCE_THRESHOLD,
  inferLineage,
  toInferredLinks,
  type Candidate,
} from "../../../lineage/infer/infer-lineage";
import { describeWithHubData, HUB_DATA } from "../../helpers/hub-data";

const FIXTURES = resolve(__dirname, "../../fixtures/inference");

function fixture(name: string): string {
  return readFileSync(resolve(FIXTURES, name), "utf8");
}

function predicted(candidates: Candidate[]): string[] {
  return candidates
    .filter((c) => c.confidence >= DEFAULT_INFERENCE_THRESHOLD)
    .map((c) => c.id)
    .sort();
}

function candidate(candidates: Candidate[], id: string): Candidate {
  const found = candidates.find((c) => c.id.toLowerCase() === id.toLowerCase());
  if (!found) throw new Error(`${id} is not among the candidates: ${candidates.map((c) => c.id).join(", ")}`);
  return found;
}

function kinds(c: Candidate): string[] {
  return c.evidence.map((e) => e.kind);
}

describe("inferLineage", () => {
  describe("evidence kinds", () => {
    it("reads a fine-tune from a huggingface.co link after 'fine-tuned version of'", () => {
      const candidates = inferLineage({ id: "example-user/assistant-7b", cardText: fixture("finetune-link.md") });
      expect(predicted(candidates)).toEqual(["example-org/base-7b"]);
      const parent = candidate(candidates, "example-org/base-7b");
      expect(parent.relation).toBe("finetune");
      expect(kinds(parent)).toContain("phrase");
      expect(parent.evidence[0].text).toContain("fine-tuned version of");
    });

    it("ignores the declared base_model, base_model_relation and base_model:* tags", () => {
      const candidates = inferLineage({ id: "example-user/assistant-7b", cardText: fixture("finetune-link.md") });
      expect(candidates.map((c) => c.id)).not.toContain("decoy-org/declared-parent");
      expect(candidate(candidates, "example-org/base-7b").relation).not.toBe("merge");
    });

    it("reads a quantization from 'Original model:', the own id's suffix and the quantizer's tags", () => {
      const candidates = inferLineage({ id: "example-org/chat-13b-GGUF", cardText: fixture("quantized-gguf.md") });
      expect(predicted(candidates)).toEqual(["example-org/chat-13b"]);
      const parent = candidate(candidates, "example-org/chat-13b");
      expect(parent.relation).toBe("quantized");
      expect(kinds(parent)).toEqual(expect.arrayContaining(["phrase", "own-name"]));
      expect(candidates.map((c) => c.id)).not.toContain("example-org/chat-13b-GGUF");
    });

    it("reads merge parents from a mergekit config, skipping local paths and keeping the model of model+lora", () => {
      const candidates = inferLineage({ id: "example-user/blend-8b", cardText: fixture("merge-mergekit.md") });
      expect(predicted(candidates)).toEqual(["example-org/base-8b", "example-org/roleplay-8b", "other-org/math-8b"]);
      for (const id of predicted(candidates)) expect(candidate(candidates, id).relation).toBe("merge");
      expect(kinds(candidate(candidates, "example-org/roleplay-8b"))).toEqual(["mergekit"]);
      expect(candidates.map((c) => c.id).join(" ")).not.toMatch(/home|local-run|math-lora/);
    });

    it("reads an adapter from 'LoRA adapter for' and the model the adapter is loaded into, not the tokenizer", () => {
      const candidates = inferLineage({ id: "example-user/support-bot-lora", cardText: fixture("adapter-lora.md") });
      expect(predicted(candidates)).toEqual(["example-org/base-3b"]);
      expect(candidate(candidates, "example-org/base-3b").relation).toBe("adapter");
      expect(kinds(candidate(candidates, "example-org/base-3b"))).toEqual(["phrase", "code"]);
      expect(candidate(candidates, "example-org/tokenizer-only").confidence).toBe(0);
    });

    it("reads a training config's base_model in a code block", () => {
      const candidates = inferLineage({ id: "example-user/tiny-coder", cardText: fixture("training-config.md") });
      expect(predicted(candidates)).toEqual(["example-org/coder-base-1b"]);
      expect(candidate(candidates, "example-org/coder-base-1b")).toMatchObject({
        relation: "finetune",
        evidence: [{ kind: "training-config" }],
      });
    });

    it("resolves a family named without a size to the member the parameter count singles out", () => {
      const candidates = inferLineage({ id: "example-user/wave-1", cardText: fixture("family-size.md") });
      expect(predicted(candidates)).toEqual(["Qwen/Qwen2.5-14B"]);
      expect(candidate(candidates, "Qwen/Qwen2.5-14B").evidence[0]).toMatchObject({ kind: "family" });
      expect(candidate(candidates, "Qwen/Qwen2.5-14B").evidence[0].text).toMatch(/built on.*Qwen2\.5.*14B/);
      // The benchmark table's Qwen2.5-72B and linked rival are considered and dismissed.
      expect(candidate(candidates, "Qwen/Qwen2.5-72B")).toMatchObject({ confidence: 0, evidence: [{ kind: "table" }] });
      expect(candidate(candidates, "rival-org/rival-14b").confidence).toBe(0);
    });

    it("leaves a family unresolved when nothing singles out a size", () => {
      const card =
        "# Model\n\nBuilt on the open-source Qwen2.5 model, trained further on code. We plan 7B and 14B versions.\n";
      expect(inferLineage({ id: "example-user/model", cardText: card })).toEqual([]);
    });

    it("takes the size from the own id when the card gives none", () => {
      const card = "# Model\n\nThis model is based on Llama 2, trained on recipes.\n";
      expect(predicted(inferLineage({ id: "example-user/recipes-13b", cardText: card }))).toEqual([
        "meta-llama/Llama-2-13b-hf",
      ]);
    });

    it("reads adapter_config.json's base_model_name_or_path", () => {
      const candidates = inferLineage({
        id: "example-user/lora",
        adapterConfig: { base_model_name_or_path: "example-org/base-1b", r: 8 },
      });
      expect(candidates).toEqual([expect.objectContaining({ id: "example-org/base-1b", relation: "adapter" })]);
      expect(candidates[0].confidence).toBeGreaterThan(0.95);
    });

    it("reads config.json's _name_or_path, and its dimensions to size a family the card names", () => {
      const config = {
        _name_or_path: "example-org/start-point",
        model_type: "qwen2",
        hidden_size: 3584,
        num_hidden_layers: 28,
      };
      const card = "# Model\n\nBuilt on Qwen2.5, trained on Korean.\n";
      const candidates = inferLineage({ id: "example-user/model", cardText: card, config });
      expect(candidate(candidates, "example-org/start-point")).toMatchObject({
        relation: "finetune",
        evidence: [{ kind: "config" }],
      });
      expect(candidate(candidates, "Qwen/Qwen2.5-7B").evidence[0].text).toContain("config.json dimensions");
    });

    it("reads a GGUF header: the source is the parent, its base models are grandparents", () => {
      const gguf = {
        "general.source.repo_url": "https://huggingface.co/example-org/tuned-7b",
        "general.base_model.count": 1,
        "general.base_model.0.repo_url": "https://huggingface.co/example-org/base-7b",
      };
      const candidates = inferLineage({ id: "example-user/tuned-7b-GGUF", ggufMetadata: gguf });
      expect(predicted(candidates)).toEqual(["example-org/tuned-7b"]);
      expect(candidate(candidates, "example-org/tuned-7b").relation).toBe("quantized");
      expect(kinds(candidate(candidates, "example-org/tuned-7b"))).toEqual(["gguf", "own-name"]);
      expect(candidate(candidates, "example-org/base-7b").confidence).toBeLessThan(DEFAULT_INFERENCE_THRESHOLD);
    });

    it("guesses the parent from the own id only when the id is known to exist", () => {
      const card = "# Chat 7B AWQ\n\nAWQ weights, 4 bit.\n";
      expect(inferLineage({ id: "example-org/chat-7b-AWQ", cardText: card })).toEqual([]);
      const known = inferLineage({
        id: "example-org/chat-7b-AWQ",
        cardText: card,
        knownIds: (id) => id === "example-org/chat-7b",
      });
      expect(known).toEqual([
        expect.objectContaining({ id: "example-org/chat-7b", relation: "quantized", confidence: 0.6 }),
      ]);
    });
  });

  describe("false friends", () => {
    it("sets a merge recipe's base_model apart when the text names the merged models without it", () => {
      // The shape of mlabonne/gemma-7b-dare (LazyMergekit): the prose lists the merged models, the recipe adds
      // its base, which the card does not declare.
      const recipe = (listed: string): string =>
        `# blend-7b\n\nblend-7b is a merge of the following models using LazyMergekit:\n${listed}\n\n` +
        "```yaml\nmodels:\n  - model: example-org/base-7b-it\n  - model: example-org/base-7b\n" +
        "    parameters:\n      density: 0.53\nmerge_method: dare_ties\nbase_model: example-org/base-7b-it\n```\n";
      const unnamed = inferLineage({
        id: "example-user/blend-7b",
        cardText: recipe("* [example-org/base-7b](https://huggingface.co/example-org/base-7b)"),
      });
      expect(predicted(unnamed)).toEqual(["example-org/base-7b"]);
      expect(candidate(unnamed, "example-org/base-7b-it").confidence).toBeLessThan(0.25);
      // Named in the text too, the base is one of the merged models.
      const named = inferLineage({
        id: "example-user/blend-7b",
        cardText: recipe("* example-org/base-7b\n* example-org/base-7b-it"),
      });
      expect(predicted(named)).toEqual(["example-org/base-7b", "example-org/base-7b-it"]);
    });

    const candidates = inferLineage({ id: "example-org/clever-7b-dpo", cardText: fixture("false-friends.md") });

    it("predicts only the stated parent", () => {
      expect(predicted(candidates)).toEqual(["example-org/clever-7b-sft"]);
    });

    it.each([
      ["rival-org/strong-7b", "benchmark"],
      ["rival-org/other-7b", "table"],
      ["example-org/base-7b", "ancestor"],
      ["design-org/arch-7b", "architecture"],
      ["tokenizer-org/fast-tok-7b", "usage"],
      ["example-org/clever-13b-dpo", "see-also"],
      ["quant-user/clever-7b-dpo-GGUF", "see-also"],
      ["sponsor-org/compute-grant-1", "credit"],
    ])("lists %s with zero confidence as %s", (id, kind) => {
      expect(candidate(candidates, id)).toMatchObject({ confidence: 0, relation: null, evidence: [{ kind }] });
    });

    it("never makes a dataset or the successor named by new_version a parent", () => {
      const card = inferLineage({ id: "example-user/assistant-7b", cardText: fixture("finetune-link.md") });
      expect(candidate(card, "example-org/chat-mix")).toMatchObject({ confidence: 0 });
      expect(kinds(candidate(card, "example-org/chat-mix"))).toContain("dataset");
      expect(candidate(card, "example-org/assistant-7b-v2")).toMatchObject({ confidence: 0 });
      expect(kinds(candidate(card, "example-org/assistant-7b-v2"))).toContain("new-version");
    });

    it("does not credit a quantizer, nor read an embedded original card's claims as this model's", () => {
      const quantized = inferLineage({ id: "example-org/chat-13b-GGUF", cardText: fixture("quantized-gguf.md") });
      expect(candidate(quantized, "helper-org/imatrix-data-7b")).toMatchObject({
        confidence: 0,
        evidence: [{ kind: "credit" }],
      });
      expect(candidate(quantized, "example-org/pretrained-13b")).toMatchObject({
        confidence: 0,
        evidence: [{ kind: "original-card" }],
      });
      expect(quantized.map((c) => c.id)).not.toContain("some-quantizer");
    });

    it("does not take a component (vision encoder, tokenizer, projector, reward or teacher model) for a parent", () => {
      const candidates = inferLineage({ id: "example-lab/Seer-VL-7B", cardText: fixture("components.md") });
      expect(predicted(candidates)).toEqual(["example-lab/Talker-7B"]);
      for (const id of [
        "vision-org/Glimpse-L-384",
        "pixel-org/VQ-16",
        "judge-org/Ranker-RM-8B",
        "mlp-org/Bridge-2",
        "big-lab/Oracle-70B",
      ]) {
        expect(candidates.find((c) => c.id === id)?.evidence.map((e) => e.kind)).toContain("component");
      }
    });

    it("does not take the lineage a card gives for its sibling or child releases as its own", () => {
      const card = inferLineage({ id: "example-lab/Reasoner-Z", cardText: fixture("other-models-lineage.md") });
      expect(predicted(card)).toEqual(["example-lab/Foundation-Z-Base"]);
      expect(kinds(candidate(card, "pine-org/Pine-2-3B"))).toEqual(expect.arrayContaining(["table", "other-model"]));
      expect(candidate(card, "pine-org/Pine-2-1B")).toMatchObject({
        confidence: 0,
        evidence: [{ kind: "other-model" }],
      });
      expect(candidate(card, "meta-llama/Llama-3.1-8B").confidence).toBeLessThan(0.1);
    });

    it("reads two model names joined by a slash in prose as no id, unless the id is known to exist", () => {
      const alternation = "Vista-LM-1.5b-base/Vista-LM-7b-base";
      expect(inferLineage({ id: "vista-lab/Vista-Pro-7B", cardText: fixture("prose-slash-names.md") })).toEqual([]);
      const known = inferLineage({
        id: "vista-lab/Vista-Pro-7B",
        cardText: fixture("prose-slash-names.md"),
        knownIds: (id) => id === alternation,
      });
      expect(predicted(known)).toEqual([alternation]);
    });

    it("reads mentions of the model itself as no candidate", () => {
      const card =
        "# Model\n\nThis is [example-user/model](https://huggingface.co/example-user/model), a fine-tune of it.\n";
      expect(inferLineage({ id: "example-user/model", cardText: card })).toEqual([]);
    });
  });

  describe("input", () => {
    it("returns no candidate for empty input and never throws on junk", () => {
      expect(inferLineage({})).toEqual([]);
      expect(
        inferLineage({
          cardText: "---\nbase_model: [unclosed\n---\n\n\u0000\u0001 ]]](( https://huggingface.co/",
          adapterConfig: 42,
          config: [],
        }),
      ).toEqual([]);
    });

    it("still reads the body when the front matter is not valid YAML", () => {
      const card =
        "---\ntags: [a, b\n---\nThis model is a fine-tuned version of " +
        "[x-org/y-1b](https://huggingface.co/x-org/y-1b).\n";
      expect(predicted(inferLineage({ id: "me/z", cardText: card }))).toEqual(["x-org/y-1b"]);
    });
  });
});

describe("inferLineage with a resolver of renamed ids", () => {
  it("files evidence about a renamed repository's old id under its current id", () => {
    const cardText =
      "Fine-tuned from [Meta-Llama-3.1-8B-Instruct](https://huggingface.co/meta-llama/Meta-Llama-3.1-8B-Instruct).";
    const renames: Record<string, string> = {
      "meta-llama/meta-llama-3.1-8b-instruct": "meta-llama/Llama-3.1-8B-Instruct",
    };
    const candidates = inferLineage({ id: "a/b", cardText, resolveId: (id) => renames[id.toLowerCase()] ?? null });
    expect(candidates[0]).toMatchObject({ id: "meta-llama/Llama-3.1-8B-Instruct", relation: "finetune" });
    expect(candidates.some((c) => c.id === "meta-llama/Meta-Llama-3.1-8B-Instruct")).toBe(false);
  });
});

describe("toInferredLinks", () => {
  it("keeps the candidates at or above the threshold as inferred parent links with their evidence", () => {
    const candidates = inferLineage({ id: "example-user/blend-8b", cardText: fixture("merge-mergekit.md") });
    const links = toInferredLinks(candidates);
    expect(links.map((l) => l.id).sort()).toEqual(predicted(candidates));
    for (const link of links) {
      expect(link).toMatchObject({ source: "inferred", relation: "merge" });
      expect(link.evidence?.length).toBeGreaterThan(0);
    }
    expect(toInferredLinks(candidates, 0.999)).toEqual([]);
  });
});

describeWithHubData("inferLineage on the A.X 4.0 case study", () => {
  const text = readFileSync(resolve(HUB_DATA, "case-studies/skt_A.X-4.0.md"), "utf8");
  const candidates = inferLineage({ id: "skt/A.X-4.0", cardText: text });

  it("proposes a Qwen2.5-72B-line model as parent, with the prose and the parameter count as evidence", () => {
    const [parent] = predicted(candidates);
    expect(["Qwen/Qwen2.5-72B", "Qwen/Qwen2.5-72B-Instruct"]).toContain(parent);
    const evidence = candidate(candidates, parent).evidence[0];
    expect(evidence.kind).toBe("family");
    expect(evidence.text).toMatch(/Built on the open-source/);
    expect(evidence.text).toMatch(/72B/);
  });

  it("predicts none of the benchmark competitors", () => {
    const predictions = predicted(candidates).join(" ");
    expect(predictions).not.toMatch(/Qwen3|GPT-4o/i);
    expect(predicted(candidates)).toHaveLength(1);
  });
});

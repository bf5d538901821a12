// The model view's controls: generations up and down, relations followed, inferred lineage, colour by licence;
// they navigate.
import type { Relation } from "../../server/contract/types";
import { createElement } from "./create-element";
import { RELATION_COLORS, RELATION_LABELS, RELATIONS } from "./graph-style";
import { swatch } from "./swatch";
import { MAX_DEPTH, type ModelRoute } from "./route";

export interface ModelControls {
  element: HTMLElement;
  /** Shows the route's settings in the inputs. */
  sync(route: ModelRoute): void;
}

function depthInput(value: number, testId: string, label: string): HTMLInputElement {
  return createElement("input", {
    attrs: { type: "number", min: 0, max: MAX_DEPTH, value, "data-testid": testId, "aria-label": label },
  });
}

/** `onChange` receives the route the inputs now describe (from `current()`, the route shown). */
export function createModelControls(current: () => ModelRoute, onChange: (next: ModelRoute) => void): ModelControls {
  const route = current();
  const upInput = depthInput(route.up, "depth-up", "Generations of ancestors");
  const downInput = depthInput(route.down, "depth-down", "Generations of descendants");
  const relationBoxes = new Map<Relation, HTMLInputElement>(
    RELATIONS.map((relation) => [
      relation,
      createElement("input", {
        attrs: { type: "checkbox", "data-testid": `filter-${relation}`, "data-relation": relation },
      }),
    ]),
  );
  const inferredBox = createElement("input", { attrs: { type: "checkbox", "data-testid": "toggle-inferred" } });
  const licenseBox = createElement("input", { attrs: { type: "checkbox", "data-testid": "toggle-license" } });

  function readInputs(): void {
    const shown = current();
    const clamp = (input: HTMLInputElement, fallback: number) => {
      const value = Math.round(Number(input.value));
      return Number.isFinite(value) ? Math.min(MAX_DEPTH, Math.max(0, value)) : fallback;
    };
    const relations = RELATIONS.filter((relation) => relationBoxes.get(relation)!.checked);
    onChange({
      ...shown,
      up: clamp(upInput, shown.up),
      down: clamp(downInput, shown.down),
      relations: relations.length === RELATIONS.length ? null : relations,
      inferred: inferredBox.checked,
      colorBy: licenseBox.checked ? "license" : "relation",
    });
  }

  const element = createElement(
    "form",
    { class: "controls", on: { change: readInputs, submit: (event) => event.preventDefault() } },
    [
      createElement("fieldset", { class: "depth" }, [
        createElement("legend", {}, ["Depth"]),
        createElement("label", {}, ["↑ ancestors ", upInput]),
        createElement("label", {}, ["↓ descendants ", downInput]),
      ]),
      createElement("fieldset", { class: "relations" }, [
        createElement("legend", {}, ["Relation to parent"]),
        ...RELATIONS.map((relation) =>
          createElement("label", { class: "relation-filter" }, [
            relationBoxes.get(relation)!,
            swatch(RELATION_COLORS[relation]),
            RELATION_LABELS[relation],
          ]),
        ),
      ]),
      createElement("fieldset", { class: "lineage" }, [
        createElement("legend", {}, ["Lineage"]),
        createElement(
          "label",
          { attrs: { title: "Also follow and count parents inferred from model cards (dashed links)" } },
          [inferredBox, swatch("#64748b", "dash"), "Include inferred lineage"],
        ),
        createElement(
          "label",
          { attrs: { title: "Colour models by licence family and mark links whose licence changes" } },
          [licenseBox, "Colour by licence"],
        ),
      ]),
    ],
  );

  return {
    element,
    sync(next) {
      inferredBox.checked = next.inferred;
      licenseBox.checked = next.colorBy === "license";
      upInput.value = String(next.up);
      downInput.value = String(next.down);
      const followed = new Set(next.relations ?? RELATIONS);
      for (const [relation, box] of relationBoxes) {
        box.checked = followed.has(relation);
        // At least one relation stays followed: an empty filter would show nothing useful.
        box.disabled = box.checked && followed.size === 1;
      }
    },
  };
}

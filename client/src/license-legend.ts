// The legend of the colour-by-licence mode: licence families, and the marks on links whose licence changes.
import { createElement } from "./create-element";
import {
  LICENSE_CHANGE_COLORS,
  LICENSE_CHANGE_LABELS,
  LICENSE_FAMILIES,
  LICENSE_FAMILY_COLORS,
  LICENSE_FAMILY_LABELS,
  UNKNOWN_LICENSE_COLOR,
} from "./graph-style";
import { swatch } from "./swatch";

export function renderLicenseLegend(): HTMLElement {
  return createElement(
    "ul",
    { class: "legend", attrs: { "aria-label": "Licence legend", "data-testid": "license-legend" } },
    [
      ...LICENSE_FAMILIES.map((family) =>
        createElement("li", {}, [swatch(LICENSE_FAMILY_COLORS[family]), LICENSE_FAMILY_LABELS[family]]),
      ),
      createElement("li", {}, [swatch(UNKNOWN_LICENSE_COLOR), "Licence unknown"]),
      createElement("li", {}, [
        swatch(LICENSE_CHANGE_COLORS["may-conflict"], "dash"),
        LICENSE_CHANGE_LABELS["may-conflict"],
      ]),
      createElement("li", {}, [swatch(LICENSE_CHANGE_COLORS.changed, "dash"), LICENSE_CHANGE_LABELS.changed]),
    ],
  );
}

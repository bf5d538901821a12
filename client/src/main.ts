// Entry point, kept tiny: on a model page it requests the family at once, then loads the app (the renderer and the views,
// the bulk of the bundle) in parallel with that request.
import "./styles.css";
import { createApiClient } from "./api-client";
import { prefetchFamily } from "./family-prefetch";
import { parseRoute } from "./route";

performance.mark("lineage:entry-run");
const route = parseRoute(window.location.pathname, window.location.search);
if (route.kind === "model") prefetchFamily(createApiClient(), route);
void import("./app");

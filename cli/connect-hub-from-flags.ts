// connectHub for a command's flags: a bad --hub-url, --rate or environment value is a usage error (exit 2).
import { connectHub, type HubConnection } from "../crawler/hub/connect-hub";
import { HubConfigError, type HubConfigInput } from "../crawler/hub/hub-config";
import { UsageError } from "./command";

export function connectHubFromFlags(input: HubConfigInput, env: NodeJS.ProcessEnv): HubConnection {
  try {
    return connectHub(input, env);
  } catch (error) {
    if (error instanceof HubConfigError) throw new UsageError(error.message);
    throw error;
  }
}

// Links the API hands out for a model: its page on the Hub and the path segment of its id.

const HUB_URL = "https://huggingface.co";

/** The id as a URL path: each part encoded, the `/` between owner and name kept. */
export function modelPath(id: string): string {
  return id.split("/").map(encodeURIComponent).join("/");
}

/** The model's page on huggingface.co. */
export function hubModelUrl(id: string): string {
  return `${HUB_URL}/${modelPath(id)}`;
}

// Model ids contain '/': each segment is URL-encoded and the slashes kept, as the server's routes expect.
export function encodeModelId(id: string): string {
  return id.split("/").map(encodeURIComponent).join("/");
}

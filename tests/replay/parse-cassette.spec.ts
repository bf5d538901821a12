// Reading VCR cassettes for model records and renames.
import { parseCassette } from "../../replay/parse-cassette";
import { HubDataError } from "../../replay/replay-errors";

const CASSETTE = `interactions:
- request:
    method: GET
    uri: https://huggingface.co/api/models/old-name
  response:
    body:
      string: Temporary Redirect. Redirecting to /api/models/org/new-name
    headers:
      Location:
      - /api/models/org/new-name
    status:
      code: 307
- request:
    method: GET
    uri: https://huggingface.co/api/models/org/new-name
  response:
    body:
      string: '{"_id":"621ffdc036468d709f174338","id":"org/new-name","tags":[]}'
    status:
      code: 200
- request:
    method: POST
    uri: https://api-inference.huggingface.co/pipeline/fill-mask/org/new-name
  response:
    body:
      string: '[]'
    status:
      code: 200
`;

describe("parseCassette", () => {
  test("keeps model records of 200 answers and renames of 307 answers, nothing else", () => {
    const found = parseCassette(CASSETTE, "c.yaml");
    expect(found.records).toEqual([{ _id: "621ffdc036468d709f174338", id: "org/new-name", tags: [] }]);
    expect([...found.renames]).toEqual([["old-name", "org/new-name"]]);
  });

  test("a file that is not a cassette is a HubDataError naming it", () => {
    expect(() => parseCassette("just: text", "bad.yaml")).toThrow(HubDataError);
    expect(() => parseCassette("interactions: [", "bad.yaml")).toThrow(/bad\.yaml/);
  });
});

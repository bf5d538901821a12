// Tests of the truncation wording: every generation that lost models is named with its count, nearest first.
import { describeOmitted } from "../../client/src/describe-omitted";

describe("describeOmitted", () => {
  test("names each generation that lost models, nearest to the focus first, ancestors as such", () => {
    expect(
      describeOmitted([
        { generation: 3, count: 17000 },
        { generation: -1, count: 2 },
        { generation: 2, count: 1234 },
      ]),
    ).toEqual(["2 more in ancestor generation 1", "1,234 more in generation 2", "17,000 more in generation 3"]);
  });

  test("says nothing when nothing was left out", () => {
    expect(describeOmitted([])).toEqual([]);
    expect(describeOmitted([{ generation: 1, count: 0 }])).toEqual([]);
  });
});

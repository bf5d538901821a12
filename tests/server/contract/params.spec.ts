// LIMITS as the list routes read them: every list caps limit at the same 1,000.
import { FAMILIES_ROUTE } from "../../../server/contract/families";
import { FORKS_ROUTE } from "../../../server/contract/forks";
import { ANCESTORS_ROUTE, DESCENDANTS_ROUTE } from "../../../server/contract/models";
import { ORG_ROUTE, TOP_ORGS_ROUTE } from "../../../server/contract/orgs";

describe("limitParam", () => {
  it.each([
    ["families/top", FAMILIES_ROUTE],
    ["forks", FORKS_ROUTE],
    ["descendants", DESCENDANTS_ROUTE],
    ["ancestors", ANCESTORS_ROUTE],
    ["orgs/top", TOP_ORGS_ROUTE],
    ["orgs/<author>", ORG_ROUTE],
  ])("caps the %s limit at 1,000", (_name, route) => {
    const limit = route.query.shape.limit;
    expect(limit.parse("100000")).toBe(1000);
    expect(limit.parse("1000")).toBe(1000);
    expect(limit.parse("999")).toBe(999);
  });
});

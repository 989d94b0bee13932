import { describe, expect, it } from "vitest";
import { rolesForGroups } from "./map-groups";

const MAP = { "sec-audit": ["auditor" as const], sre: ["oncall" as const], "platform-admins": ["admin" as const, "oncall" as const] };

describe("rolesForGroups", () => {
  it("unions the roles of every mapped group", () => {
    expect(rolesForGroups(["sre", "platform-admins", "unrelated"], MAP)).toEqual(["admin", "oncall"]);
  });
  it("grants nothing for unmapped groups, a missing claim or junk", () => {
    expect(rolesForGroups(["marketing"], MAP)).toEqual([]);
    expect(rolesForGroups(undefined, MAP)).toEqual([]);
    expect(rolesForGroups([42, { sre: true }], MAP)).toEqual([]);
  });
  it("accepts a single group given as a string", () => {
    expect(rolesForGroups("sec-audit", MAP)).toEqual(["auditor"]);
  });
});

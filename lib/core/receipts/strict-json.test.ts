import { describe, expect, it } from "vitest";
import { findDuplicateMember, parseJsonObject } from "./strict-json";

describe("findDuplicateMember", () => {
  it("finds duplicates at the top level, nested, and inside arrays of objects", () => {
    expect(findDuplicateMember(`{"a":1,"b":2,"a":3}`)).toBe("a");
    expect(findDuplicateMember(`{"x":{"a":1,"a":2}}`)).toBe("a");
    expect(findDuplicateMember(`{"x":[{"a":1},{"b":1,"b":2}]}`)).toBe("b");
  });

  it("compares names after unescaping", () => {
    expect(findDuplicateMember(`{"decision":"DENY","d\\u0065cision":"PERMIT"}`)).toBe("decision");
    expect(findDuplicateMember(`{"a\\"b":1,"a\\u0022b":2}`)).toBe('a"b');
  });

  it("lets the same name appear in different objects, and ignores names inside string values", () => {
    expect(findDuplicateMember(`{"a":{"a":{"a":1}},"b":[{"a":1},{"a":2}]}`)).toBeUndefined();
    expect(findDuplicateMember(`{"a":"{\\"a\\":1,\\"a\\":2}","b":"a"}`)).toBeUndefined();
    expect(findDuplicateMember(`{"a":["a","a"],"b":"a"}`)).toBeUndefined();
  });

  it("treats __proto__ like any other name", () => {
    expect(findDuplicateMember(`{"__proto__":1,"__proto__":2}`)).toBe("__proto__");
  });
});

describe("parseJsonObject", () => {
  it("returns the object when it is one object with unique names", () => {
    expect(parseJsonObject(` {"a":1,"b":{"c":[1,2]}} `)).toEqual({ ok: true, value: { a: 1, b: { c: [1, 2] } } });
  });

  it("names the fault", () => {
    expect(parseJsonObject(`{"a":1,"a":2}`)).toMatchObject({ ok: false, fault: "duplicate_member" });
    expect(parseJsonObject(`{"a":1`)).toMatchObject({ ok: false, fault: "syntax" });
    expect(parseJsonObject(`[{"a":1}]`)).toMatchObject({ ok: false, fault: "not_object" });
    expect(parseJsonObject(`null`)).toMatchObject({ ok: false, fault: "not_object" });
    expect(parseJsonObject(`"{}"`)).toMatchObject({ ok: false, fault: "not_object" });
    expect(parseJsonObject(`\uFEFF{}`)).toMatchObject({ ok: false, fault: "syntax" });
  });

  it("is not fooled by an object that looks like a fault", () => {
    expect(parseJsonObject(`{"ok":false,"fault":"syntax","message":"x"}`)).toMatchObject({ ok: true });
  });
});

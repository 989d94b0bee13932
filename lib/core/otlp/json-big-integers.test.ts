import { describe, expect, it } from "vitest";
import { quoteLargeIntegers } from "./json-big-integers";

describe("quoteLargeIntegers", () => {
  it("quotes integer literals of 16+ digits, negative ones included, so they stay exact", () => {
    const text = `{"timeUnixNano":1795183237123456789,"a":[ -9223372036854775808 ,1234567890123456]}`;
    expect(quoteLargeIntegers(text)).toBe(`{"timeUnixNano":"1795183237123456789","a":[ "-9223372036854775808" ,"1234567890123456"]}`);
    expect(JSON.parse(quoteLargeIntegers(text)).timeUnixNano).toBe("1795183237123456789");
  });

  it("looks for long literals only when an int64 field holds one", () => {
    for (const key of ["observedTimeUnixNano", "time_unix_nano", "intValue", "int_value"]) {
      expect(quoteLargeIntegers(`{"${key}" : -1234567890123456789}`)).toBe(`{"${key}" : "-1234567890123456789"}`);
    }
    const doubles = `{"doubleValue":12345678901234567890}`;
    expect(quoteLargeIntegers(doubles)).toBe(doubles);
  });

  it("leaves short integers, fractions, exponents and strings as they are", () => {
    const rest = `"s":123456789012345,"f":12345678901234567.5,"g":0.12345678901234567,"e":1e1234567890123456,"str":"x:1234567890123456789","esc":"\\" ,12345678901234567890"}`;
    expect(quoteLargeIntegers(`{"intValue":1234567890123456789,${rest}`)).toBe(`{"intValue":"1234567890123456789",${rest}`);
  });

  it("returns the very same string when no long number can be present", () => {
    const text = `{"timeUnixNano":"1795183237123456789"}`;
    expect(quoteLargeIntegers(text)).toBe(text);
  });

  it("cannot turn invalid JSON into valid JSON", () => {
    for (const bad of [`{"intValue":1234567890123456789, "a":"x 1234567890123456789}`, `["intValue":1234567890123456789, "unterminated , 12345678901234567890]`]) {
      expect(() => JSON.parse(quoteLargeIntegers(bad))).toThrow(SyntaxError);
    }
  });
});

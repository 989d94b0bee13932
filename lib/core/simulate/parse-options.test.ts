import { describe, expect, it } from "vitest";
import { SimulateOptionError } from "./errors";
import type { SimulateOptionErrorCode } from "./errors";
import { parseDrift, parseShift, parseSilent, parseSimulateOptions, parseSurfaces } from "./parse-options";
import type { SimulateFlags } from "./parse-options";

const START = Date.UTC(2026, 10, 22, 9, 0);

function codeOf(run: () => unknown): SimulateOptionErrorCode | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof SimulateOptionError) return error.code;
    throw error;
  }
  return undefined;
}

describe("parseSimulateOptions", () => {
  it("reads every traffic flag of `countersign simulate`", () => {
    const options = parseSimulateOptions(
      {
        gates: "2",
        rate: "120",
        surfaces: "payments=2,email,admin-console=0.01",
        deny: "2%",
        silence: "0.01",
        shift: ["payments:DENY:0.4@10", "email:silence:25%@20"],
        drift: ["admin-console:DENY:0.1@5-35"],
        silent: ["gate-2@30", "1@45"],
        duration: "60",
        seed: "42",
      },
      START,
    );
    expect(options).toEqual({
      gates: 2,
      ratePerMinute: 120,
      surfaces: [
        { name: "payments", weight: 2 },
        { name: "email", weight: 1 },
        { name: "admin-console", weight: 0.01 },
      ],
      deny: 0.02,
      silence: 0.01,
      shifts: [
        { surface: "payments", outcome: "DENY", rate: 0.4, atMinute: 10 },
        { surface: "email", outcome: "SILENCE", rate: 0.25, atMinute: 20 },
      ],
      drifts: [{ surface: "admin-console", outcome: "DENY", rate: 0.1, fromMinute: 5, toMinute: 35 }],
      silent: [
        { gate: "gate-2", atMinute: 30 },
        { gate: "gate-1", atMinute: 45 },
      ],
      durationMinutes: 60,
      heartbeatSec: 30,
      seed: "42",
      startMs: START,
    });
  });

  it("fills in defaults", () => {
    const options = parseSimulateOptions({}, START);
    expect(options).toMatchObject({ gates: 3, ratePerMinute: 60, deny: 0.02, silence: 0.005, durationMinutes: 60, seed: "1" });
    expect(options.surfaces.map((s) => s.name)).toEqual(["filesystem", "shell", "github", "payments", "email"]);
  });

  it.each<[SimulateFlags, SimulateOptionErrorCode]>([
    [{ gates: "0" }, "INVALID_NUMBER"],
    [{ gates: "2.5" }, "INVALID_NUMBER"],
    [{ rate: "-3" }, "INVALID_NUMBER"],
    [{ rate: "1e3" }, "INVALID_NUMBER"],
    [{ duration: "0" }, "INVALID_NUMBER"],
    [{ deny: "1.2" }, "INVALID_PROBABILITY"],
    [{ deny: "abc" }, "INVALID_PROBABILITY"],
    [{ surfaces: "a,,b" }, "INVALID_SURFACES"],
    [{ surfaces: "a,a" }, "INVALID_SURFACES"],
    [{ surfaces: "a=0" }, "INVALID_NUMBER"],
    [{ shift: ["payments:DENY:0.4"] }, "INVALID_SHIFT"],
    [{ shift: ["payments:ALLOW:0.4@3"] }, "INVALID_SHIFT"],
    [{ shift: ["payments:DENY:0.4@soon"] }, "INVALID_NUMBER"],
    [{ shift: ["billing:DENY:0.4@3"] }, "UNKNOWN_SURFACE"],
    [{ shift: ["payments:DENY:0.4@90"] }, "OUTSIDE_DURATION"],
    [{ shift: ["payments:DENY:0.7@3", "payments:SILENCE:0.4@5"] }, "RATES_EXCEED_ONE"],
    [{ drift: ["payments:DENY:0.4@10-5"] }, "INVALID_DRIFT"],
    [{ drift: ["payments:DENY:0.4@10"] }, "INVALID_DRIFT"],
    [{ silent: ["gate-4@3"] }, "UNKNOWN_GATE"],
    [{ silent: ["gate-0@3"] }, "UNKNOWN_GATE"],
    [{ silent: ["edge@3"] }, "INVALID_SILENT"],
  ])("%j is refused with %s", (flags, code) => {
    expect(codeOf(() => parseSimulateOptions(flags, START))).toBe(code);
  });

  it("says what is wrong in words a usage line can show", () => {
    expect(() => parseShift("payments:DENY:0.4")).toThrow("--shift must look like <surface>:<DENY|SILENCE>:<P>@<minute>");
  });
});

describe("the single-flag parsers", () => {
  it("accept surface names with colons and case-insensitive outcomes", () => {
    expect(parseShift("mcp:github:deny:0.3@7.5")).toEqual({ surface: "mcp:github", outcome: "DENY", rate: 0.3, atMinute: 7.5 });
    expect(parseDrift("shell:SILENCE:10%@0-60")).toEqual({ surface: "shell", outcome: "SILENCE", rate: 0.1, fromMinute: 0, toMinute: 60 });
    expect(parseSilent("3@0")).toEqual({ gate: "gate-3", atMinute: 0 });
    expect(parseSurfaces(" a , b=3")).toEqual([
      { name: "a", weight: 1 },
      { name: "b", weight: 3 },
    ]);
  });
});

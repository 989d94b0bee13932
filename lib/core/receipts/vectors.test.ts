import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURES_DIR, loadVectorFile, trustFileText, vectorReceipt } from "./fixtures/load-vectors";
import { parseBatch } from "./parse-batch";
import { parseTrustFile, type TrustSet } from "./trust-set";
import { verifyReceipt } from "./verify-receipt";
import { VERDICT_DESCRIPTIONS } from "./verdicts";

const file = loadVectorFile();
const now = new Date(file.now);
let trust: TrustSet;

beforeAll(async () => {
  trust = await parseTrustFile(trustFileText());
});

describe("shared vectors (fixtures/vectors.json)", () => {
  it.each(file.vectors.map((v) => [v.name, v] as const))("%s", async (_name, vector) => {
    const verdict = await verifyReceipt(vectorReceipt(vector), trust, now);
    expect({ verdict: verdict.verdict, step: "step" in verdict ? verdict.step : undefined }).toEqual({
      verdict: vector.expectedVerdict,
      step: vector.step,
    });
  });

  it("the file and the inline receipt of each vector are the same bytes", () => {
    for (const vector of file.vectors.filter((v) => v.file)) {
      expect(readFileSync(join(FIXTURES_DIR, vector.file!), "utf8"), vector.name).toBe(vector.receipt);
    }
  });

  it("covers every verdict code and every profile step", () => {
    const codes = new Set(file.vectors.map((v) => v.expectedVerdict));
    expect([...codes].sort()).toEqual(Object.keys(VERDICT_DESCRIPTIONS).sort());
    const steps = new Set(file.vectors.map((v) => v.step).filter((s) => s !== undefined));
    expect([...steps].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it.each(file.batches.map((b) => [b.name, b] as const))("batch %s splits and verifies item by item", async (_name, batch) => {
    const body = readFileSync(join(FIXTURES_DIR, batch.file));
    const items = parseBatch(new Uint8Array(body), batch.contentType);
    const verdicts = await Promise.all(items.map((item) => verifyReceipt(item.bytes, trust, now)));
    expect(verdicts.map((v) => v.verdict)).toEqual(batch.expectedVerdicts);
  });
});

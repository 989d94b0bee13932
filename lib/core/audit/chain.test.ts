import { describe, expect, it } from "vitest";
import { GENESIS_HASH, auditEntryHash, canonicalJson, createChainVerifier, type ChainedAuditEntry } from "./index";

function chain(count: number): ChainedAuditEntry[] {
  const entries: ChainedAuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const entry = {
      seq,
      at: new Date(Date.UTC(2026, 10, 22, 0, 0, seq)),
      actorType: "user",
      actorId: "u1",
      actorEmail: "a@example.com",
      action: "user.created",
      targetType: "user",
      targetId: `u${seq}`,
      details: { roles: ["admin"], n: seq },
      ip: null,
    };
    const hash = auditEntryHash(prev, entry);
    entries.push({ ...entry, prevHash: prev, hash });
    prev = hash;
  }
  return entries;
}

function verify(entries: ChainedAuditEntry[]) {
  const verifier = createChainVerifier();
  for (const entry of entries) verifier.push(entry);
  return verifier.verdict();
}

describe("audit hash chain", () => {
  it("accepts an intact chain and reports its head", () => {
    const entries = chain(5);
    expect(verify(entries)).toEqual({ ok: true, checked: 5, head: entries[4]!.hash });
  });

  it("names a modified entry", () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, details: { roles: ["auditor"], n: 3 } };
    expect(verify(entries)).toMatchObject({ ok: false, checked: 2, broken: { seq: 3, reason: "hash_mismatch" } });
  });

  it("names a deleted entry as a gap", () => {
    const entries = chain(5);
    entries.splice(3, 1);
    expect(verify(entries)).toMatchObject({ ok: false, broken: { seq: 4, reason: "gap" } });
  });

  it("catches a rewritten entry whose own hash was recomputed", () => {
    const entries = chain(5);
    const forged = { ...entries[1]!, action: "user.deleted" };
    forged.hash = auditEntryHash(forged.prevHash, forged);
    entries[1] = forged;
    expect(verify(entries)).toMatchObject({ ok: false, broken: { seq: 3, reason: "prev_hash_mismatch" } });
  });

  it("hashes independently of key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
  });
});

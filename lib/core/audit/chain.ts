import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { canonicalJson } from "./canonical-json";

/** The previous-hash value of the first entry. */
export const GENESIS_HASH = "0".repeat(64);

export type AuditEntry = {
  seq: number;
  at: Date;
  actorType: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  ip: string | null;
};

export type ChainedAuditEntry = AuditEntry & { prevHash: string; hash: string };

/** SHA-256 (hex) over the previous hash and the entry's canonical JSON. */
export function auditEntryHash(prevHash: string, entry: AuditEntry): string {
  const body = canonicalJson({
    seq: entry.seq,
    at: entry.at.toISOString(),
    actorType: entry.actorType,
    actorId: entry.actorId,
    actorEmail: entry.actorEmail,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    details: entry.details,
    ip: entry.ip,
  });
  return bytesToHex(sha256(utf8ToBytes(`${prevHash}\n${body}`)));
}

export type ChainBreak = {
  seq: number;
  reason: "gap" | "prev_hash_mismatch" | "hash_mismatch";
  message: string;
};

export type ChainVerdict = { ok: true; checked: number; head: string } | { ok: false; checked: number; broken: ChainBreak };

/** An incremental verifier: feed entries in sequence order, read the verdict at the end. */
export function createChainVerifier() {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let broken: ChainBreak | undefined;

  function fail(seq: number, reason: ChainBreak["reason"], message: string) {
    broken = { seq, reason, message };
  }

  return {
    push(entry: ChainedAuditEntry): boolean {
      if (broken) return false;
      if (entry.seq !== expectedSeq) {
        fail(expectedSeq, "gap", `entry ${expectedSeq} is missing (next present is ${entry.seq})`);
      } else if (entry.prevHash !== prevHash) {
        fail(entry.seq, "prev_hash_mismatch", `entry ${entry.seq} does not link to entry ${entry.seq - 1}`);
      } else if (auditEntryHash(entry.prevHash, entry) !== entry.hash) {
        fail(entry.seq, "hash_mismatch", `entry ${entry.seq} was modified after it was written`);
      } else {
        prevHash = entry.hash;
        expectedSeq += 1;
        checked += 1;
      }
      return !broken;
    },
    verdict(): ChainVerdict {
      return broken ? { ok: false, checked, broken } : { ok: true, checked, head: prevHash };
    },
  };
}

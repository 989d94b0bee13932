// Verifies an evidence bundle offline, fed one line at a time, with nothing but the bundle (and,
// optionally, keys the auditor pinned): the checkpoint's signature, then for every receipt its
// inclusion proof against that checkpoint and its signature under the bundled trust file.
import { IssuerKeyError, parseTrustFile, verifyReceipt, type TrustSet } from "../receipts";
import { BundleError, parseBundleLine, type BundleEntry, type BundleHeader } from "./bundle";
import { verifyCheckpoint, type VerifiedCheckpoint } from "./checkpoint-verify";
import { fromBase64, toBase64 } from "./encoding";
import { TlogError } from "./errors";
import { verifyInclusionProof } from "./inclusion-proof";
import { leafHash } from "./merkle-hash";
import { parseVerifierKey } from "./note-keys";
import { parseTlogProof } from "./tlog-proof";

/** Why a bundle, or one of its receipts, failed. Checkpoint failures carry TlogError codes. */
export type BundleFailureCode =
  | "BUNDLE_MALFORMED"
  | "BUNDLE_UNSUPPORTED"
  | "BUNDLE_TRUNCATED"
  | "COUNT_MISMATCH"
  | "LOG_KEY_MISMATCH"
  | "TRUST_FILE_INVALID"
  | "ENTRY_MALFORMED"
  | "DUPLICATE_ENTRY"
  | "CHECKPOINT_MISMATCH"
  | "INDEX_MISMATCH"
  | "RECEIPT_INVALID"
  | TlogError["code"];

/** One failure; `line` is 1-based, `index`/`id` name the receipt when the line was readable. */
export type BundleFailure = { line: number; code: BundleFailureCode; message: string; index?: number; id?: string; verdict?: string };

/** What verifying a whole bundle established. `valid` only when nothing at all failed. */
export type BundleReport = {
  valid: boolean;
  origin: string | null;
  vkey: string | null;
  checkpoint: { size: number; root: string } | null;
  createdAt: string | null;
  trustedKeys: number;
  /** Receipt lines read, and how many passed every check. */
  receipts: number;
  verified: number;
  /** The first `maxFailures` failures, in file order; `failureCount` counts them all. */
  failures: BundleFailure[];
  failureCount: number;
};

export type BundleVerifyOptions = {
  /** A log key the auditor pinned: the bundle's own key must be this one. */
  vkey?: string;
  /** The auditor's own trust set, used instead of the bundled trust file. */
  trust?: TrustSet;
  /** How many failures to list (default 1000); all are counted. */
  maxFailures?: number;
  /** How many lines may be in flight at once (default 64); 1 verifies strictly line by line. */
  window?: number;
};

type Context = { header: BundleHeader; checkpoint: VerifiedCheckpoint; trust: TrustSet };

/** What one line showed, recorded in file order once it is known. */
type Outcome = { line: number; failures: Omit<BundleFailure, "line">[]; verified: boolean };

/**
 * Verifies a bundle fed line by line (await each push), so memory stays bounded for any size;
 * up to `window` receipt signatures are verified at once. Await finish() after the last line.
 * `now` bounds receipt `iat` as in Contract 2, step 8.
 */
export class BundleVerifier {
  #line = 0;
  #context: Context | undefined;
  #broken = false;
  #ended = false;
  #seen = new Set<number>();
  #window: number;
  #pending: Promise<Outcome>[] = [];
  #report: BundleReport = { valid: false, origin: null, vkey: null, checkpoint: null, createdAt: null, trustedKeys: 0, receipts: 0, verified: 0, failures: [], failureCount: 0 };

  constructor(
    private readonly now: Date,
    private readonly options: BundleVerifyOptions = {},
  ) {
    if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError("BundleVerifier needs a valid Date for now");
    this.#window = options.window ?? 64;
    if (!Number.isInteger(this.#window) || this.#window < 1) throw new TypeError("BundleVerifier's window must be an integer of at least 1");
  }

  /** Verifies the next line (without its newline); waits only while `window` lines are in flight. */
  async push(line: string): Promise<void> {
    this.#line++;
    await this.#read(line);
    while (this.#pending.length >= this.#window) await this.#recordOldest();
  }

  /** The report, once every line was pushed and every verification in flight has ended. */
  async finish(): Promise<BundleReport> {
    if (this.#line === 0) {
      this.#line = 1;
      this.#fail({ code: "BUNDLE_MALFORMED", message: "the bundle is empty" });
    }
    else if (!this.#ended) this.#fail({ code: "BUNDLE_TRUNCATED", message: "the bundle has no end line: it was cut off" });
    while (this.#pending.length > 0) await this.#recordOldest();
    const report = this.#report;
    return { ...report, valid: report.failureCount === 0 };
  }

  #read(line: string): Promise<void> | void {
    if (this.#ended) return this.#fail({ code: "BUNDLE_MALFORMED", message: "there are lines after the end line" });
    let parsed;
    try {
      parsed = parseBundleLine(line, this.#line === 1);
    } catch (error) {
      if (!(error instanceof BundleError)) throw error;
      if (this.#line === 1) this.#broken = true;
      return this.#fail({ code: this.#line === 1 ? error.code : "ENTRY_MALFORMED", message: error.message });
    }
    if (parsed.kind === "header") return this.#openHeader(parsed.header);
    if (parsed.kind === "end") return this.#end(parsed.end.receipts);
    return this.#entry(parsed.entry);
  }

  // Lines whose outcome is known at once queue too: failures are recorded strictly in file order.
  #fail(failure: Omit<BundleFailure, "line">): void {
    this.#enqueue(Promise.resolve({ line: this.#line, failures: [failure], verified: false }));
  }

  #enqueue(outcome: Promise<Outcome>): void {
    // Marked handled so a rejection waiting in the queue is no unhandled rejection; it is
    // still thrown from push() or finish() when the queue reaches it.
    outcome.catch(() => {});
    this.#pending.push(outcome);
  }

  async #recordOldest(): Promise<void> {
    const { line, failures, verified } = await this.#pending.shift()!;
    if (verified) this.#report.verified++;
    for (const failure of failures) {
      this.#report.failureCount++;
      if (this.#report.failures.length < (this.options.maxFailures ?? 1000)) this.#report.failures.push({ line, ...failure });
    }
  }

  async #openHeader(header: BundleHeader): Promise<void> {
    Object.assign(this.#report, { origin: header.origin, vkey: header.vkey, createdAt: header.createdAt });
    try {
      const pinned = this.options.vkey?.trim();
      if (pinned !== undefined && pinned !== header.vkey.trim()) {
        this.#broken = true;
        return this.#fail({ code: "LOG_KEY_MISMATCH", message: `the bundle's log key ${header.vkey} is not the pinned key ${pinned}` });
      }
      const checkpoint = await verifyCheckpoint(header.checkpoint, { logKey: parseVerifierKey(pinned ?? header.vkey), origin: header.origin });
      this.#report.checkpoint = { size: checkpoint.checkpoint.size, root: toBase64(checkpoint.checkpoint.rootHash) };
      const trust = this.options.trust ?? (await parseTrustFile(header.trust));
      this.#report.trustedKeys = countKeys(trust);
      this.#context = { header, checkpoint, trust };
    } catch (error) {
      this.#broken = true;
      if (error instanceof TlogError) return this.#fail({ code: error.code, message: `the bundle's checkpoint: ${error.message}` });
      if (error instanceof IssuerKeyError) return this.#fail({ code: "TRUST_FILE_INVALID", message: `the bundle's trust file: ${error.message}` });
      throw error;
    }
  }

  #end(count: number): void {
    this.#ended = true;
    if (count !== this.#report.receipts) {
      this.#fail({ code: "COUNT_MISMATCH", message: `the end line counts ${count} receipts, the bundle holds ${this.#report.receipts}` });
    }
  }

  #entry(entry: BundleEntry): void {
    this.#report.receipts++;
    // Without a verified checkpoint and trust file nothing in an entry can be judged.
    if (this.#broken || !this.#context) return;
    const at = { index: entry.index, id: entry.id };
    if (this.#seen.has(entry.index)) return this.#fail({ ...at, code: "DUPLICATE_ENTRY", message: `log index ${entry.index} appears twice` });
    this.#seen.add(entry.index);
    const bytes = fromBase64(entry.receipt);
    if (!bytes) return this.#fail({ ...at, code: "ENTRY_MALFORMED", message: "the receipt is not canonical base64" });
    const line = this.#line;
    const inclusion = checkInclusion(this.#context, entry, bytes);
    this.#enqueue(checkReceipt(this.#context, bytes, this.now).then((receipt) => {
      const failures = [...inclusion, ...receipt].map((failure) => ({ ...at, ...failure }));
      return { line, failures, verified: failures.length === 0 };
    }));
  }
}

type EntryFailure = Omit<BundleFailure, "line" | "index" | "id">;

function checkInclusion(context: Context, entry: BundleEntry, bytes: Uint8Array): EntryFailure[] {
  try {
    const proof = parseTlogProof(entry.proof);
    if (proof.checkpoint !== context.header.checkpoint) return [{ code: "CHECKPOINT_MISMATCH", message: "the proof is against another checkpoint than the bundle's" }];
    if (proof.index !== entry.index) return [{ code: "INDEX_MISMATCH", message: `the proof is for index ${proof.index}, the entry says ${entry.index}` }];
    const { size, rootHash } = context.checkpoint.checkpoint;
    verifyInclusionProof(proof.index, size, leafHash(bytes), proof.hashes, rootHash);
    return [];
  } catch (error) {
    if (error instanceof TlogError) return [{ code: error.code, message: error.message }];
    throw error;
  }
}

async function checkReceipt(context: Context, bytes: Uint8Array, now: Date): Promise<EntryFailure[]> {
  const verdict = await verifyReceipt(bytes, context.trust, now);
  if (verdict.verdict === "valid") return [];
  return [{ code: "RECEIPT_INVALID", verdict: verdict.verdict, message: `the receipt is not valid (${verdict.verdict}, step ${verdict.step}): ${verdict.message}` }];
}

function countKeys(trust: TrustSet): number {
  let n = trust.anyIssuer?.size ?? 0;
  for (const keys of trust.issuers.values()) n += keys.size;
  return n;
}

/** Verifies a whole bundle held as text (see BundleVerifier for files of any size). */
export async function verifyBundle(text: string, now: Date, options: BundleVerifyOptions = {}): Promise<BundleReport> {
  const verifier = new BundleVerifier(now, options);
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  for (const line of lines) await verifier.push(line);
  return await verifier.finish();
}

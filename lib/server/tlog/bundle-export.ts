import "server-only";
import { and, asc, count, gt, type SQL } from "drizzle-orm";
import { exportTrustFile, type TrustSet } from "@/lib/core/receipts";
import { hashRange, inclusionProofRanges, perfectSubtrees, type NodeId } from "@/lib/core/tlog";
import { formatBundleEnd, formatBundleEntry, formatBundleHeader } from "@/lib/core/tlog/bundle";
import { appendAudit } from "../audit";
import { requireRole, type Ctx } from "../auth/actor";
import type { DbOrTx } from "../db";
import { receipts, tlogNodes } from "../db/schema";
import { parseInput } from "../http/parse-input";
import { consoleTrust } from "../issuers";
import { receiptLeaf } from "../receipts/receipt-leaf";
import { logger } from "../telemetry/logger";
import { describeSelection, selectionCondition } from "./bundle-selection";
import { checkpointAt } from "./checkpoints";
import type { LogSigner } from "./log-key";
import { pickNodes, readNodeMap, treeSize } from "./nodes";
import { BundleSelectionInput } from "./schemas";
import { sequencePending } from "./sequence";

/** A bundle ready to stream: how many receipts it will hold, against which tree size. */
export type BundleExport = { filename: string; receipts: number; size: number; stream: ReadableStream<Uint8Array> };

const PAGE = 500;

/**
 * Exports the selected receipts as one evidence bundle (lib/core/tlog/bundle.ts): every stored
 * receipt is sequenced first, ONE checkpoint of the current tree is signed, and the receipts
 * stream page by page with their inclusion proofs, so memory stays bounded for any count.
 * Auditors and admins; the export is recorded in the audit log.
 */
export async function exportEvidenceBundle(ctx: Ctx, log: LogSigner, rawInput: BundleSelectionInput): Promise<BundleExport> {
  requireRole(ctx, "auditor", "admin");
  const input = parseInput(BundleSelectionInput, rawInput);
  await sequencePending(ctx.db);
  const size = await treeSize(ctx.db);
  const checkpoint = await checkpointAt(ctx.db, log, size, "request", ctx.now);
  const where = selectionCondition(input, size);
  const [total, issuers, { trust }] = await Promise.all([
    ctx.db.select({ n: count() }).from(receipts).innerJoin(tlogNodes, receiptLeaf).where(where),
    ctx.db.selectDistinct({ iss: receipts.iss }).from(receipts).innerJoin(tlogNodes, receiptLeaf).where(where),
    consoleTrust(ctx.db),
  ]);
  const selection = describeSelection(input);
  const receiptCount = Number(total[0]?.n ?? 0);
  await ctx.db.transaction((tx) =>
    appendAudit(tx, ctx, { action: "log.bundle.export", targetType: "tlog", targetId: String(size), details: { receipts: receiptCount, size, selection } }),
  );
  const header = formatBundleHeader({
    createdAt: ctx.now.toISOString(),
    origin: log.origin,
    vkey: log.vkey,
    checkpoint: checkpoint.note,
    trust: exportTrustFile(onlyIssuers(trust, new Set(issuers.map((row) => row.iss)))),
    selection,
  });
  const date = ctx.now.toISOString().slice(0, 10);
  return { filename: `countersign-evidence-${date}-size-${size}.jsonl`, receipts: receiptCount, size, stream: bundleStream(ctx.db, where, size, checkpoint.note, header) };
}

/** How many receipts a bundle of this selection would hold now (sequenced ones), and how many wait. */
export async function previewEvidenceBundle(ctx: Ctx, rawInput: BundleSelectionInput): Promise<{ receipts: number; size: number; pending: number }> {
  requireRole(ctx, "auditor", "admin");
  const input = parseInput(BundleSelectionInput, rawInput);
  const size = await treeSize(ctx.db);
  const [logged, all] = await Promise.all([
    ctx.db.select({ n: count() }).from(receipts).innerJoin(tlogNodes, receiptLeaf).where(selectionCondition(input, size)),
    ctx.db.select({ n: count() }).from(receipts).where(selectionCondition(input, "any")),
  ]);
  const receiptCount = Number(logged[0]?.n ?? 0);
  return { receipts: receiptCount, size, pending: Number(all[0]?.n ?? 0) - receiptCount };
}

function onlyIssuers(trust: TrustSet, used: ReadonlySet<string>): TrustSet {
  return { issuers: new Map([...trust.issuers].filter(([iss]) => used.has(iss))) };
}

function bundleStream(db: DbOrTx, where: SQL, size: number, checkpoint: string, header: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const proofs = new ProofAssembler(size);
  let next: Promise<Row[]> = pageRows(db, where, -1);
  let written = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(header));
    },
    async pull(controller) {
      try {
        const rows = await next;
        if (rows.length === 0) {
          controller.enqueue(encoder.encode(formatBundleEnd(written)));
          controller.close();
          return;
        }
        // The next page is read while this one's proofs are assembled.
        next = pageRows(db, where, rows[rows.length - 1]!.logIndex);
        next.catch(() => {}); // awaited (and reported) by the next pull
        written += rows.length;
        controller.enqueue(encoder.encode(await entryLines(db, rows, proofs, checkpoint)));
      } catch (error) {
        // The client is left without an end line: verifiers report the file as cut off.
        logger.error({ err: error }, "evidence bundle export failed mid-stream");
        controller.error(error);
      }
    },
  });
}

/**
 * Inclusion proofs for many leaves of one tree size. A proof's ranges are perfect subtrees (one
 * stored node each) except at most one along the tree's right edge; there are only O(log n)
 * such edge ranges in a tree, so their hashes are computed once per export and reused.
 */
class ProofAssembler {
  readonly #edges = new Map<string, Uint8Array>();
  constructor(readonly size: number) {}

  /** Each leaf's proof ranges, with their perfect subtrees (none for an edge range already known). */
  plan(index: number): Array<{ key: string; subtrees: NodeId[] }> {
    return inclusionProofRanges(index, this.size).map((range) => {
      const key = `${range.start}-${range.end}`;
      return { key, subtrees: this.#edges.has(key) ? [] : perfectSubtrees(range.start, range.end) };
    });
  }

  /** The proof hashes of one leaf, from its plan and the nodes read for it. */
  proof(plan: ReadonlyArray<{ key: string; subtrees: NodeId[] }>, found: ReadonlyMap<string, Uint8Array>): Uint8Array[] {
    return plan.map(({ key, subtrees }) => {
      const known = this.#edges.get(key);
      if (known) return known;
      const hash = hashRange(pickNodes(found, subtrees));
      if (subtrees.length > 1) this.#edges.set(key, hash);
      return hash;
    });
  }
}

/** C2SP tlog-proof@v1 text, as formatTlogProof writes it (tested equal), with Node's fast base64. */
export function tlogProofText(index: number, hashes: readonly Uint8Array[], checkpoint: string): string {
  const lines = hashes.map((hash) => Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength).toString("base64"));
  return `c2sp.org/tlog-proof@v1\nindex ${index}\n${lines.map((line) => `${line}\n`).join("")}\n${checkpoint}`;
}

type Row = { id: string; logIndex: number; raw: Uint8Array };

/** The next page of selected receipts after log index `after`, in log order. */
function pageRows(db: DbOrTx, where: SQL, after: number): Promise<Row[]> {
  return db
    .select({ id: receipts.id, logIndex: tlogNodes.idx, raw: receipts.raw })
    .from(receipts)
    .innerJoin(tlogNodes, receiptLeaf)
    .where(and(where, gt(tlogNodes.idx, after)))
    .orderBy(asc(tlogNodes.idx))
    .limit(PAGE);
}

/** One bundle line per receipt: its exact bytes and its tlog-proof. */
async function entryLines(db: DbOrTx, rows: Row[], proofs: ProofAssembler, checkpoint: string): Promise<string> {
  const plans = rows.map((row) => proofs.plan(row.logIndex));
  const found = await readNodeMap(db, plans.flatMap((plan) => plan.flatMap((range) => range.subtrees)));
  return rows
    .map((row, i) => {
      const proof = tlogProofText(row.logIndex, proofs.proof(plans[i]!, found), checkpoint);
      return formatBundleEntry({ index: row.logIndex, id: row.id, receipt: Buffer.from(row.raw).toString("base64"), proof });
    })
    .join("");
}

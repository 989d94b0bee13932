// Builds evidence bundles for tests: real receipts signed by a generated gate key, logged in a
// MemoryTree after one unrelated entry, proven against one signed checkpoint.
import { exportTrustFile, generateIssuerKey, signReceipt, trustSetFromKeys, type IssuerKeyPair } from "../receipts";
import { formatBundleEnd, formatBundleEntry, formatBundleHeader, type BundleEntry } from "./bundle";
import { signCheckpoint } from "./checkpoint-verify";
import { toBase64, utf8 } from "./encoding";
import { MemoryTree } from "./memory-tree";
import { formatVerifierKey } from "./note-keys";
import { noteSignerFromSeed, type NoteSigner } from "./note-sign";
import { formatTlogProof } from "./tlog-proof";

export const BUNDLE_ORIGIN = "console.example/countersign";
export const BUNDLE_NOW = new Date("2026-11-22T10:00:00Z");
const IAT = Math.floor(Date.parse("2026-11-22T09:00:00Z") / 1000);

export type BundleFixture = { log: NoteSigner; vkey: string; gate: IssuerKeyPair; stranger: IssuerKeyPair; receipts: string[]; tree: MemoryTree; checkpoint: string };

/** A schema-valid receipt payload of issuer gate-eu-1. */
export function bundlePayload(id: string): Record<string, unknown> {
  return {
    v: 1, id, iss: "gate-eu-1", iat: IAT,
    request: { actor: "agent:billing-bot", surface: "payments", action: "transfer", target: "acct:123", context: {} },
    decision: "PERMIT", reason: "rule:allow", policy: { id: "payments", version: "7", digest: `sha256:${"ab".repeat(32)}` },
  };
}

/** `count` receipts at log indices 1–count of a tree of count + 1, and the checkpoint of that tree. */
export async function bundleFixture(count = 9): Promise<BundleFixture> {
  const log = await noteSignerFromSeed(BUNDLE_ORIGIN, new Uint8Array(32).fill(7));
  const gate = await generateIssuerKey("EdDSA", { kid: "g-1" });
  const stranger = await generateIssuerKey("ES256", { kid: "s-1" });
  const receipts = await Promise.all(Array.from({ length: count }, (_, i) => signReceipt(bundlePayload(`r-${i}`), gate.privateJwk, { alg: "EdDSA", kid: "g-1" })));
  const tree = new MemoryTree();
  tree.append(utf8("an entry before the bundle's receipts"));
  for (const receipt of receipts) tree.append(utf8(receipt));
  const checkpoint = await signCheckpoint({ origin: BUNDLE_ORIGIN, size: tree.size, rootHash: tree.root(), extensions: [] }, log);
  return { log, vkey: formatVerifierKey(log.verifierKey), gate, stranger, receipts, tree, checkpoint };
}

/** The fixture's bundle text; `edit` may change the entries before they are written. */
export async function bundleText(fx: BundleFixture, edit: (entries: BundleEntry[]) => void = () => {}): Promise<string> {
  const trust = exportTrustFile(await trustSetFromKeys("gate-eu-1", [{ jwk: fx.gate.publicJwk }]));
  const entries = fx.receipts.map((receipt, i) => ({
    index: i + 1,
    id: `row-${i}`,
    receipt: toBase64(utf8(receipt)),
    proof: formatTlogProof({ index: i + 1, hashes: fx.tree.inclusionProof(i + 1), checkpoint: fx.checkpoint }),
  }));
  edit(entries);
  const header = formatBundleHeader({ createdAt: BUNDLE_NOW.toISOString(), origin: BUNDLE_ORIGIN, vkey: fx.vkey, checkpoint: fx.checkpoint, trust, selection: { issuer: "gate-eu-1" } });
  return header + entries.map(formatBundleEntry).join("") + formatBundleEnd(entries.length);
}

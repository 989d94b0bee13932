// Transparency-log core throughput: proof verification and planning, appends, checkpoint
// verification, each against a baseline measured in the same run (node:crypto SHA-256 of
// one node, raw WebCrypto Ed25519 verify).
//
//   node --import tsx lib/bench/tlog-core.ts
import { createHash } from "node:crypto";
import {
  MemoryTree,
  formatCheckpoint,
  nodeHash,
  noteSignerFromSeed,
  planInclusionProof,
  signCheckpoint,
  verifyCheckpoint,
  verifyConsistencyProof,
  verifyInclusionProof,
} from "../core/tlog";

const SECONDS_PER_CASE = 1;

async function measure(fn: () => unknown): Promise<number> {
  for (let i = 0; i < 50; i++) await fn();
  let ops = 0;
  const start = performance.now();
  while (performance.now() - start < SECONDS_PER_CASE * 1000) {
    await fn();
    ops++;
  }
  return ops / ((performance.now() - start) / 1000);
}

async function main(): Promise<void> {
  const tree = new MemoryTree();
  const size = 2 ** 16 + 12_345;
  for (let i = 0; i < size; i++) tree.append(new TextEncoder().encode(`receipt ${i}`));
  const index = 31_337;
  const leaf = tree.readNodes([{ level: 0, index }])[0]!;
  const inclusion = tree.inclusionProof(index);
  const oldSize = 40_000;
  const consistency = tree.consistencyProof(oldSize);
  const [root, oldRoot] = [tree.root(), tree.root(oldSize)];
  const left = new Uint8Array(32).fill(1);
  const right = new Uint8Array(32).fill(2);
  const node = Buffer.concat([Buffer.of(1), left, right]);

  const signer = await noteSignerFromSeed("bench.example/log", new Uint8Array(32).fill(7));
  const checkpoint = { origin: "bench.example/log", size, rootHash: root, extensions: [] };
  const note = await signCheckpoint(checkpoint, signer);
  const text = new TextEncoder().encode(formatCheckpoint(checkpoint));
  const signature = await signer.sign(text);
  const rawKey = await crypto.subtle.importKey("raw", new Uint8Array(signer.verifierKey.publicKey), { name: "Ed25519" }, false, ["verify"]);
  const appendTree = new MemoryTree();

  const hashBaseline = await measure(() => createHash("sha256").update(node).digest());
  const verifyBaseline = await measure(() => crypto.subtle.verify({ name: "Ed25519" }, rawKey, new Uint8Array(signature), text));
  const cases: [string, () => unknown, number, number][] = [
    ["nodeHash (noble sha256)", () => nodeHash(left, right), hashBaseline, 1],
    [`verifyInclusionProof, ${inclusion.length} hashes`, () => verifyInclusionProof(index, size, leaf, inclusion, root), hashBaseline, inclusion.length],
    [`verifyConsistencyProof, ${consistency.length} hashes`, () => verifyConsistencyProof(oldSize, size, oldRoot, root, consistency), hashBaseline, consistency.length * 2],
    ["MemoryTree.append (leaf + completed nodes)", () => appendTree.append(text), hashBaseline, 2],
    ["planInclusionProof (index arithmetic only)", () => planInclusionProof(index, size), hashBaseline, 1],
    ["verifyCheckpoint (parse + Ed25519 via WebCrypto)", () => verifyCheckpoint(note, { logKey: signer.verifierKey }), verifyBaseline, 1],
  ];
  process.stdout.write(`tree of ${size} leaves; baselines: node:crypto sha256 of one node ${Math.round(hashBaseline)}/s, raw WebCrypto Ed25519 verify ${Math.round(verifyBaseline)}/s\n`);
  for (const [name, fn, baseline, hashesPerOp] of cases) {
    const perSecond = await measure(fn);
    // Ratio to the baseline's cost for the same amount of work (hashes, or one verify).
    const ratio = (perSecond * hashesPerOp) / baseline;
    process.stdout.write(`${name.padEnd(52)} ${Math.round(perSecond).toString().padStart(9)}/s   ${ratio.toFixed(2)} × baseline\n`);
  }
}

await main();

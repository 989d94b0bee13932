import { leafHash, toBase64, toHex, verifyInclusionProof } from "../../core/tlog";
import { EXIT_OK, UsageError, type Command } from "../io";
import { parseBase64Hash, parseCommandArgs, parseCount, parseHashList, parseHexHash, readInput, reportFailure } from "./log-options";

const USAGE =
  "log verify-inclusion --index I --size N (--leaf-hash <hex> | --entry <file>) --root <base64> [--proof <b64,b64,…>] [--json]";

export const command: Command = {
  summary: "Verify an RFC 9162 inclusion proof: leaf I is in the log's tree of size N with the given root.",
  usage: USAGE,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      index: { type: "string" },
      size: { type: "string" },
      "leaf-hash": { type: "string" },
      entry: { type: "string" },
      root: { type: "string" },
      proof: { type: "string" },
      json: { type: "boolean", default: false },
    });
    const index = parseCount("index", values.index);
    const size = parseCount("size", values.size);
    if ((values["leaf-hash"] === undefined) === (values.entry === undefined)) {
      throw new UsageError("give either --leaf-hash <hex> or --entry <file> (the exact logged bytes)");
    }
    const leaf = values.entry === undefined ? parseHexHash("leaf-hash", values["leaf-hash"]) : leafHash(await readInput(values.entry, io, "entry"));
    const root = parseBase64Hash("root", values.root);
    const proof = parseHashList("proof", values.proof);
    const json = values.json ?? false;
    try {
      verifyInclusionProof(index, size, leaf, proof, root);
    } catch (error) {
      return reportFailure(io, json, error, `leaf ${index} in the tree of size ${size}`);
    }
    io.out(
      json
        ? JSON.stringify({ valid: true, index, size, leafHash: toHex(leaf), root: toBase64(root) })
        : `valid: leaf ${index} (${toHex(leaf)}) is in the tree of size ${size} with root ${toBase64(root)}`,
    );
    return EXIT_OK;
  },
};

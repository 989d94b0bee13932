import { toBase64, verifyConsistencyProof } from "../../core/tlog";
import { EXIT_OK, type Command } from "../io";
import { parseBase64Hash, parseCommandArgs, parseCount, parseHashList, reportFailure } from "./log-options";

const USAGE = "log verify-consistency --old-size M --new-size N --old-root <b64> --new-root <b64> [--proof <b64,…>] [--json]";

export const command: Command = {
  summary: "Verify an RFC 9162 consistency proof: the tree of size M is a prefix of the tree of size N.",
  usage: USAGE,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      "old-size": { type: "string" },
      "new-size": { type: "string" },
      "old-root": { type: "string" },
      "new-root": { type: "string" },
      proof: { type: "string" },
      json: { type: "boolean", default: false },
    });
    const oldSize = parseCount("old-size", values["old-size"]);
    const newSize = parseCount("new-size", values["new-size"]);
    const oldRoot = parseBase64Hash("old-root", values["old-root"]);
    const newRoot = parseBase64Hash("new-root", values["new-root"]);
    const proof = parseHashList("proof", values.proof);
    const json = values.json ?? false;
    try {
      verifyConsistencyProof(oldSize, newSize, oldRoot, newRoot, proof);
    } catch (error) {
      return reportFailure(io, json, error, `tree of size ${oldSize} → ${newSize}`);
    }
    io.out(
      json
        ? JSON.stringify({ valid: true, oldSize, newSize, oldRoot: toBase64(oldRoot), newRoot: toBase64(newRoot) })
        : `valid: the tree of size ${oldSize} (root ${toBase64(oldRoot)}) is a prefix of the tree of size ${newSize} (root ${toBase64(newRoot)})`,
    );
    return EXIT_OK;
  },
};

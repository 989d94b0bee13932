import { toHex, verifyTlogProof } from "../../core/tlog";
import { EXIT_OK, UsageError, type Command } from "../io";
import { POLICY_OPTIONS, checkpointJson, describeCheckpoint, parseCommandArgs, parsePolicy, readInput, reportFailure } from "./log-options";

const USAGE =
  "log verify-proof --vkey <vkey> [--origin <origin>] [--witness-vkey <vkey> … [--witness-threshold K]] --entry <file> [--json] <tlog-proof file|->";

export const command: Command = {
  summary:
    "Verify an offline C2SP tlog-proof@v1: the checkpoint's signatures, then that the entry's exact bytes are included at the proof's index.",
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { ...POLICY_OPTIONS, entry: { type: "string" } }, true);
    if (positionals.length !== 1) throw new UsageError("give exactly one tlog-proof file, or - for standard input");
    if (values.entry === undefined) throw new UsageError("--entry <file> (the exact logged bytes) is required");
    if (values.entry === "-" && positionals[0] === "-") throw new UsageError("the entry and the proof cannot both come from standard input");
    const policy = parsePolicy(values);
    const entry = await readInput(values.entry, io, "entry");
    const proof = await readInput(positionals[0]!, io, "proof");
    const json = values.json ?? false;
    try {
      const verified = await verifyTlogProof(entry, proof, policy);
      const leaf = toHex(verified.leafHash);
      io.out(
        json
          ? JSON.stringify({ valid: true, index: verified.index, leafHash: leaf, ...checkpointJson(verified) })
          : [`valid: the entry (leaf hash ${leaf}) is at index ${verified.index} of the log`, ...describeCheckpoint(verified)].join("\n"),
      );
      return EXIT_OK;
    } catch (error) {
      return reportFailure(io, json, error, "tlog-proof");
    }
  },
};

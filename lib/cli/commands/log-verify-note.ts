import { verifyCheckpoint } from "../../core/tlog";
import { EXIT_OK, UsageError, type Command } from "../io";
import { POLICY_OPTIONS, checkpointJson, describeCheckpoint, parseCommandArgs, parsePolicy, readInput, reportFailure } from "./log-options";

const USAGE =
  "log verify-note --vkey <vkey> [--origin <origin>] [--witness-vkey <vkey> … [--witness-threshold K]] [--json] <note file|->";

export const command: Command = {
  summary:
    "Verify a signed checkpoint (C2SP signed-note + tlog-checkpoint): the log's signature, the origin (default: the key's name) and an optional witness quorum.",
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, POLICY_OPTIONS, true);
    if (positionals.length !== 1) throw new UsageError("give exactly one note file, or - for standard input");
    const policy = parsePolicy(values);
    const note = await readInput(positionals[0]!, io, "note");
    const json = values.json ?? false;
    try {
      const verified = await verifyCheckpoint(note, policy);
      io.out(json ? JSON.stringify({ valid: true, ...checkpointJson(verified) }) : ["valid: signed checkpoint", ...describeCheckpoint(verified)].join("\n"));
      return EXIT_OK;
    } catch (error) {
      return reportFailure(io, json, error, "checkpoint");
    }
  },
};

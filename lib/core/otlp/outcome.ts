/** The three outcomes a gate can reach for a tool call. */
export type Outcome = "PERMIT" | "DENY" | "SILENCE";

// Decision vocabularies of the senders we know, lower-cased: countersign's own (PERMIT, DENY,
// SILENCE), Claude Code (accept, reject), Claude Code hooks (allow, deny), Codex (approved,
// approved_for_session, approved_execpolicy_amendment, denied, abort) and gates that time out.
const OUTCOMES: ReadonlyMap<string, Outcome> = new Map<string, Outcome>([
  ["permit", "PERMIT"],
  ["accept", "PERMIT"],
  ["allow", "PERMIT"],
  ["approved", "PERMIT"],
  ["approved_for_session", "PERMIT"],
  ["approved_execpolicy_amendment", "PERMIT"],
  ["deny", "DENY"],
  ["reject", "DENY"],
  ["denied", "DENY"],
  ["abort", "DENY"],
  ["silence", "SILENCE"],
  ["timeout", "SILENCE"],
  ["timed_out", "SILENCE"],
  ["expired", "SILENCE"],
]);

/** Maps a sender's decision value to an outcome (case-insensitive), or null when unknown. */
export function outcomeOf(decision: string): Outcome | null {
  return OUTCOMES.get(decision.trim().toLowerCase()) ?? null;
}

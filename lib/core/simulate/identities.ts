import type { Outcome } from "./options";
import type { Random } from "./random";

const ACTORS = [
  "agent:billing-bot",
  "agent:release-bot",
  "agent:support-triage",
  "agent:code-review",
  "agent:data-sync",
  "agent:incident-helper",
  "user:alice@example.com",
  "user:bob@example.com",
] as const;

const ACTIONS: Readonly<Record<string, readonly string[]>> = {
  filesystem: ["read", "write", "delete"],
  shell: ["exec"],
  github: ["create_pull_request", "merge", "push", "comment"],
  payments: ["transfer", "refund", "read_balance"],
  email: ["send", "read"],
};
const GENERIC_ACTIONS = ["read", "write", "execute"] as const;

// Decision sources as Claude Code reports them (config rules, hooks, the user at the prompt).
const SOURCES: Readonly<Record<Outcome, readonly (readonly [string, number])[]>> = {
  PERMIT: [["config", 0.7], ["user_temporary", 0.15], ["user_permanent", 0.1], ["hook", 0.05]],
  DENY: [["config", 0.6], ["hook", 0.25], ["user_reject", 0.15]],
  SILENCE: [["hook", 1]],
};

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[random.int(items.length)];
  if (item === undefined) throw new TypeError("cannot pick from an empty list");
  return item;
}

/** A random RFC 9562 version-4 UUID string. */
export function randomUuid(random: Random): string {
  const word = () => random.uint32().toString(16).padStart(8, "0");
  const [a, b, c, d] = [word(), word(), word(), word()];
  const variant = (8 + (parseInt(c[0] ?? "0", 16) & 3)).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

/** A tool-use id shaped like Anthropic's (`toolu_01…`). */
export function randomToolUseId(random: Random): string {
  let id = "toolu_01";
  for (let i = 0; i < 22; i++) id += BASE62.charAt(random.int(62));
  return id;
}

/** An actor for a new session. */
export function randomActor(random: Random): string {
  return pick(random, ACTORS);
}

/** An action plausible for the surface. */
export function randomAction(random: Random, surface: string): string {
  return pick(random, ACTIONS[surface] ?? GENERIC_ACTIONS);
}

/** The decision source behind an outcome, drawn from a realistic mix. */
export function randomDecisionSource(random: Random, outcome: Outcome): string {
  let u = random.next();
  const mix = SOURCES[outcome];
  for (const [source, share] of mix) {
    if (u < share) return source;
    u -= share;
  }
  return mix[0]?.[0] ?? "config";
}

// A break-glass grant the simulated gates honour: verified offline against the console's
// published keys, as a real gate would, then applied to the decisions its scope covers.
import { parseGrantJwks, scopeCovers, verifyGrantToken, type GrantTokenClaims } from "../core/grants";
import type { SimulatedDecision } from "../core/simulate";

const TIMEOUT_MS = 10_000;
const MAX_JWKS_BYTES = 1024 * 1024;

/** A verified grant: its id (`jti`), what it covers and when. */
export type HonouredGrant = { id: string; claims: GrantTokenClaims; note: string | undefined };

/** Why a grant cannot be used: the console cannot be asked (`unreachable`) or the token does not verify. */
export class GrantUnusable extends Error {
  override name = "GrantUnusable";
  constructor(
    readonly kind: "unreachable" | "refused",
    message: string,
  ) {
    super(message);
  }
}

async function fetchJwks(url: string): Promise<unknown> {
  const address = `${url}/.well-known/jwks.json`;
  let response: Response;
  try {
    response = await fetch(address, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw new GrantUnusable("unreachable", `cannot fetch ${address}: ${(error as Error).message}`);
  }
  if (!response.ok) throw new GrantUnusable("unreachable", `${address} answered ${response.status}: the console publishes no grant keys there`);
  const text = await response.text();
  if (text.length > MAX_JWKS_BYTES) throw new GrantUnusable("unreachable", `${address} is larger than ${MAX_JWKS_BYTES} bytes`);
  try {
    return JSON.parse(text);
  } catch {
    throw new GrantUnusable("unreachable", `${address} is not JSON`);
  }
}

/**
 * Verifies a grant token with `<url>/.well-known/jwks.json`. Signature and claims must hold;
 * time is checked per decision (a replay with --speedup covers past minutes), so a grant that
 * is not valid right now is still honoured for the decisions inside its window.
 */
export async function loadGrant(url: string, token: string, nowSeconds: number): Promise<HonouredGrant> {
  const jwks = parseGrantJwks(await fetchJwks(url));
  if (!jwks.ok) throw new GrantUnusable("unreachable", `the console's JWKS is unusable: ${jwks.message}`);
  const result = await verifyGrantToken(token.trim(), jwks.jwks, { now: nowSeconds });
  if (result.valid) return { id: result.claims.jti, claims: result.claims, note: undefined };
  if ((result.code === "not_yet_valid" || result.code === "expired") && result.claims) {
    return { id: result.claims.jti, claims: result.claims, note: `grant ${result.claims.jti} is not valid now (${result.message}); it applies only to decisions inside its window` };
  }
  throw new GrantUnusable("refused", `the grant token does not verify: ${result.code}: ${result.message}`);
}

/** Whether a gate holding the grant would let this decision through: inside [nbf, exp) and in scope. */
export function grantCovers(grant: HonouredGrant, d: SimulatedDecision): boolean {
  const seconds = d.at / 1000;
  return seconds >= grant.claims.nbf && seconds < grant.claims.exp && scopeCovers(grant.claims.scope, d.surface, d.action);
}

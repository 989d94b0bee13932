import "server-only";
import { grantTokenClaims, signGrantToken, type Grant } from "@/lib/core/grants";
import type { GrantSettings } from "./grant-settings";

/**
 * Signs the grant's token with the ring's newest key. The claims are a pure function of the
 * stored grant and the issue time, so signing again later yields the same claims.
 */
export async function signTokenFor(grant: Grant, issuedAt: number, settings: GrantSettings): Promise<{ token: string; kid: string }> {
  const ring = await settings.keyRing();
  const claims = grantTokenClaims(grant, { issuer: settings.issuer, audience: settings.audience, issuedAt });
  return { token: await signGrantToken(claims, ring.signing), kid: ring.signing.kid };
}

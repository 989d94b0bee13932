import "server-only";
import { resolveGrantPolicy, type GrantKeyRing, type GrantPolicy } from "@/lib/core/grants";
import { getConfig } from "../config";
import { configuredGrantKeyRing } from "./grant-keys";

/** What the grant services need from the configuration: the policy, the token's iss/aud and the keys. */
export type GrantSettings = {
  policy: GrantPolicy;
  issuer: string;
  audience: string;
  keyRing(): Promise<GrantKeyRing>;
};

const state = globalThis as unknown as { __countersignGrantSettings?: GrantSettings };

/** The process's grant settings, from the typed configuration (or what a test installed). */
export function grantSettings(): GrantSettings {
  if (!state.__countersignGrantSettings) {
    const config = getConfig();
    state.__countersignGrantSettings = {
      policy: resolveGrantPolicy({
        maxDurationSeconds: config.grants.maxDurationSeconds,
        requiredApprovals: config.grants.requiredApprovals,
        pendingTtlSeconds: config.grants.pendingTtlSeconds,
        allowWildcards: config.grants.allowWildcards,
      }),
      issuer: config.publicUrl,
      audience: config.grants.audience,
      keyRing: () => configuredGrantKeyRing(config.grants.keys, config.dataDir),
    };
  }
  return state.__countersignGrantSettings;
}

/** Installs settings for this process (tests); undefined goes back to the configuration. */
export function setGrantSettings(settings: GrantSettings | undefined): void {
  state.__countersignGrantSettings = settings;
}

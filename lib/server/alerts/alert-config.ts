import "server-only";
import { getConfig } from "../config";
import { configuredWebhookKey } from "../webhooks/webhook-key";

/** What the alert and webhook services need from the configuration. */
export type AlertConfig = {
  /** The console's public URL: links in notifications are absolute. */
  publicUrl: string;
  evaluateIntervalSeconds: number;
  /** A firing, unacknowledged alert is notified again after this long. */
  repeatIntervalSeconds: number;
  /** The AES-256-GCM key that encrypts webhook secrets at rest. */
  webhookKey(): Promise<Uint8Array>;
};

const state = globalThis as unknown as { __countersignAlertConfig?: AlertConfig };

/** The process's alert configuration, from the typed configuration (or what a test installed). */
export function alertConfig(): AlertConfig {
  if (!state.__countersignAlertConfig) {
    const config = getConfig();
    state.__countersignAlertConfig = {
      publicUrl: config.publicUrl,
      evaluateIntervalSeconds: config.alerts.evaluateIntervalSeconds,
      repeatIntervalSeconds: config.alerts.repeatIntervalSeconds,
      webhookKey: () => configuredWebhookKey(config.alerts.webhookKey, config.dataDir),
    };
  }
  return state.__countersignAlertConfig;
}

/** Installs a configuration for this process (tests); undefined goes back to the environment. */
export function installAlertConfig(config: AlertConfig | undefined): void {
  state.__countersignAlertConfig = config;
}

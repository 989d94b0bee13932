import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { AlertView } from "../alerts/alert-view";
import { MAX_ALERTS_PER_BODY, alertmanagerBody } from "./alertmanager-body";
import { retryDelayMs } from "./deliver-webhooks";
import { notificationReason } from "./notification-reason";
import { openSecret, sealSecret } from "./secret-box";

const NOW = new Date("2026-11-22T10:00:00Z");

function view(id: string, patch: Partial<AlertView> = {}): AlertView {
  return {
    id,
    fingerprint: "0123456789abcdef",
    kind: "outcome_rate",
    kindTitle: "Outcome-rate shift",
    state: "firing",
    cleared: false,
    severity: "critical",
    labels: { alertname: "OutcomeRateShift", kind: "outcome_rate", surface: "payments", outcome: "DENY" },
    summary: "payments: DENY at 40 %",
    description: "12 of 27",
    evidence: {},
    surface: "payments",
    outcome: "DENY",
    sourceId: null,
    startsAt: "2026-11-22T09:58:00.000Z",
    firedAt: "2026-11-22T09:59:00.000Z",
    resolvedAt: null,
    updatedAt: NOW.toISOString(),
    acknowledgement: null,
    silencedBy: [],
    links: { alert: `/alerts/${id}`, chart: "/drift?surface=payments&range=1h" },
    ...patch,
  };
}

describe("webhook pieces", () => {
  it("builds an Alertmanager v4 body: common labels, zero end for firing, truncation past the cap", () => {
    const body = alertmanagerBody({
      receiver: "pager",
      externalUrl: "https://console.example",
      groupLabels: { alertname: "OutcomeRateShift" },
      alerts: [view("a"), view("b", { labels: { alertname: "OutcomeRateShift", kind: "outcome_rate", surface: "shell", outcome: "DENY" }, surface: "shell", state: "resolved", resolvedAt: "2026-11-22T10:00:00.000Z" })],
    });
    expect(body).toMatchObject({ version: "4", status: "firing", receiver: "pager", groupKey: '{}:{alertname="OutcomeRateShift"}', truncatedAlerts: 0 });
    expect(body.commonLabels).toEqual({ alertname: "OutcomeRateShift", kind: "outcome_rate", outcome: "DENY", severity: "critical" });
    expect(body.alerts.map((a) => [a.status, a.endsAt])).toEqual([["firing", "0001-01-01T00:00:00Z"], ["resolved", "2026-11-22T10:00:00.000Z"]]);
    expect(body.alerts[0]!.generatorURL).toBe("https://console.example/alerts/a");
    expect(body.alerts[0]!.annotations.dashboard).toBe("https://console.example/drift?surface=payments&range=1h");
    const many = alertmanagerBody({ receiver: "r", externalUrl: "https://c", groupLabels: {}, alerts: Array.from({ length: MAX_ALERTS_PER_BODY + 5 }, (_, i) => view(String(i))) });
    expect(many.alerts).toHaveLength(MAX_ALERTS_PER_BODY);
    expect(many.truncatedAlerts).toBe(5);
  });

  it("notifies a new firing, an escalation, a repeat unless acknowledged, and the resolution of what was notified", () => {
    const base = { state: "firing", severity: "warning", acknowledgedAt: null, notifiedState: null, notifiedSeverity: null, notifiedAt: null };
    const hour = 3_600_000;
    expect(notificationReason(base, NOW, hour)).toBe("firing");
    const told = { ...base, notifiedState: "firing", notifiedSeverity: "warning", notifiedAt: new Date(NOW.getTime() - 10 * 60_000) };
    expect(notificationReason(told, NOW, hour)).toBeNull();
    expect(notificationReason({ ...told, severity: "critical" }, NOW, hour)).toBe("escalated");
    expect(notificationReason({ ...told, notifiedAt: new Date(NOW.getTime() - hour) }, NOW, hour)).toBe("repeat");
    expect(notificationReason({ ...told, notifiedAt: new Date(NOW.getTime() - hour), acknowledgedAt: NOW }, NOW, hour)).toBeNull();
    expect(notificationReason({ ...told, state: "resolved" }, NOW, hour)).toBe("resolved");
    expect(notificationReason({ ...base, state: "resolved" }, NOW, hour)).toBeNull();
    expect(notificationReason({ ...base, state: "pending" }, NOW, hour)).toBeNull();
  });

  it("backs off from 30 s, doubling, to at most an hour, with jitter", () => {
    expect(retryDelayMs(1, 0.5)).toBe(30_000);
    expect(retryDelayMs(2, 0.5)).toBe(60_000);
    expect(retryDelayMs(5, 0.5)).toBe(480_000);
    expect(retryDelayMs(12, 0.5)).toBe(3_600_000);
    expect(retryDelayMs(1, 0)).toBe(24_000);
    expect(retryDelayMs(1, 1)).toBe(36_000);
  });

  it("encrypts a secret so that only the same key and webhook open it", () => {
    const key = randomBytes(32);
    const sealed = sealSecret(key, "hook-1", "whsec_secret");
    expect(sealed).not.toContain("whsec_secret");
    expect(openSecret(key, "hook-1", sealed)).toBe("whsec_secret");
    expect(() => openSecret(key, "hook-2", sealed)).toThrow();
    expect(() => openSecret(randomBytes(32), "hook-1", sealed)).toThrow();
    const [v, iv, body] = sealed.split(".");
    const flipped = Buffer.from(body!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => openSecret(key, "hook-1", `${v}.${iv}.${flipped.toString("base64url")}`)).toThrow();
  });
});

import { severityRank } from "../alerts/alert-kinds";

export type NotificationReason = "firing" | "escalated" | "repeat" | "resolved";

type Notifiable = {
  state: string;
  severity: string;
  acknowledgedAt: Date | null;
  notifiedState: string | null;
  notifiedSeverity: string | null;
  notifiedAt: Date | null;
};

/**
 * Why receivers must hear about an alert now, or null. Level-based (compares what was last
 * notified with the alert as it stands), so a pass that failed is caught up by the next: a new
 * firing, a higher severity, a repeat of an unacknowledged firing alert, or the resolution of one
 * that was notified as firing. Pending alerts are never notified.
 */
export function notificationReason(alert: Notifiable, now: Date, repeatIntervalMs: number): NotificationReason | null {
  if (alert.state === "resolved") return alert.notifiedState === "firing" ? "resolved" : null;
  if (alert.state !== "firing") return null;
  if (alert.notifiedState !== "firing") return "firing";
  if (severityRank(alert.severity) > severityRank(alert.notifiedSeverity ?? "none")) return "escalated";
  const lastNotified = alert.notifiedAt?.getTime() ?? 0;
  if (alert.acknowledgedAt === null && now.getTime() - lastNotified >= repeatIntervalMs) return "repeat";
  return null;
}

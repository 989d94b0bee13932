import type { AlertView } from "../alerts/alert-view";

/** One alert in an Alertmanager webhook (version 4) notification. */
export type AlertmanagerAlert = {
  status: "firing" | "resolved";
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  fingerprint: string;
};

/** The Alertmanager webhook body, version 4: what Alertmanager-compatible receivers parse. */
export type AlertmanagerBody = {
  version: "4";
  groupKey: string;
  truncatedAlerts: number;
  status: "firing" | "resolved";
  receiver: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  alerts: AlertmanagerAlert[];
};

/** Alertmanager's "not ended yet" time. */
export const ZERO_TIME = "0001-01-01T00:00:00Z";
/** A body never lists more alerts than this; the rest are counted in truncatedAlerts. */
export const MAX_ALERTS_PER_BODY = 100;

function absolute(base: string, path: string | undefined): string | undefined {
  return path === undefined ? undefined : `${base}${path}`;
}

function annotationsOf(alert: AlertView, base: string): Record<string, string> {
  const entries: Array<[string, string | undefined]> = [
    ["summary", alert.summary],
    ["description", alert.description],
    ["dashboard", absolute(base, alert.links.chart)],
    ["decisions", absolute(base, alert.links.decisions)],
    ["receipts", absolute(base, alert.links.receipts)],
    ["grant", absolute(base, alert.links.grant)],
    ["acknowledged_by", alert.acknowledgement?.by],
    ["acknowledge_note", alert.acknowledgement?.note],
  ];
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ""));
}

/** The Alertmanager form of one alert: labels carry severity; firing alerts end at the zero time. */
export function alertmanagerAlert(alert: AlertView, externalUrl: string): AlertmanagerAlert {
  const resolved = alert.state === "resolved";
  return {
    status: resolved ? "resolved" : "firing",
    labels: { ...alert.labels, severity: alert.severity },
    annotations: annotationsOf(alert, externalUrl),
    startsAt: alert.firedAt ?? alert.startsAt,
    endsAt: resolved ? (alert.resolvedAt ?? ZERO_TIME) : ZERO_TIME,
    generatorURL: `${externalUrl}${alert.links.alert}`,
    fingerprint: alert.fingerprint,
  };
}

/** The key/value pairs every record shares. */
function common(records: ReadonlyArray<Record<string, string>>): Record<string, string> {
  const [first, ...rest] = records;
  if (!first) return {};
  return Object.fromEntries(Object.entries(first).filter(([key, value]) => rest.every((record) => record[key] === value)));
}

function groupKey(groupLabels: Record<string, string>): string {
  const inner = Object.keys(groupLabels)
    .sort()
    .map((key) => `${key}=${JSON.stringify(groupLabels[key])}`)
    .join(",");
  return `{}:{${inner}}`;
}

/** A notification for one group of alerts to one receiver; firing when any alert in it fires. */
export function alertmanagerBody(input: { receiver: string; externalUrl: string; groupLabels: Record<string, string>; alerts: readonly AlertView[] }): AlertmanagerBody {
  const all = input.alerts.map((alert) => alertmanagerAlert(alert, input.externalUrl));
  // Firing alerts first, so truncation drops resolved ones before firing ones.
  all.sort((a, b) => (a.status === b.status ? 0 : a.status === "firing" ? -1 : 1));
  const alerts = all.slice(0, MAX_ALERTS_PER_BODY);
  return {
    version: "4",
    groupKey: groupKey(input.groupLabels),
    truncatedAlerts: all.length - alerts.length,
    status: alerts.some((alert) => alert.status === "firing") ? "firing" : "resolved",
    receiver: input.receiver,
    groupLabels: input.groupLabels,
    commonLabels: common(alerts.map((alert) => alert.labels)),
    commonAnnotations: common(alerts.map((alert) => alert.annotations)),
    externalURL: input.externalUrl,
    alerts,
  };
}

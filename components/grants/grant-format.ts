// Plain formatting shared by the grant components (server and client render the same text).

/** An instant as "2026-11-22 10:00:00 UTC": the same on the server and in every browser. */
export function formatInstant(iso: string | null): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` : "—";
}

/** A duration in seconds as "1 h 30 min", "45 min" or "30 s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  if (minutes > 0) return `${minutes} min`;
  return `${s} s`;
}

/** Time left as "1:02:03" (h:mm:ss) or "02:03" (mm:ss). */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const mm = String(Math.floor((total % 3600) / 60)).padStart(2, "0");
  const ss = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

export const STATE_LABELS: Record<string, string> = {
  pending: "Pending review",
  approved: "Scheduled",
  active: "Active",
  denied: "Denied",
  expired: "Expired",
  revoked: "Revoked",
  request_expired: "Request expired",
};

export const VIOLATION_LABELS: Record<string, string> = {
  outside_window: "outside the window",
  out_of_scope: "out of scope",
  revoked: "after revocation",
  not_active: "grant never approved",
  unknown_grant: "unknown grant",
};

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Parses an RFC 3339 date-time with an explicit offset into epoch milliseconds; undefined if invalid. */
export function parseRfc3339(text: string): number | undefined {
  const m = PATTERN.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (year < 1000 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  if (day < 1 || new Date(utc).getUTCDate() !== day) return undefined; // 2026-02-30 and the like
  const fraction = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  if (m[8]) return utc + fraction;
  const offsetHours = Number(m[10]);
  const offsetMinutes = Number(m[11]);
  if (offsetHours > 23 || offsetMinutes > 59) return undefined;
  const sign = m[9] === "-" ? -1 : 1;
  return utc + fraction - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}

/** Formats epoch milliseconds as RFC 3339 UTC (`2026-11-20T10:00:00Z`, milliseconds only when non-zero). */
export function formatRfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(".000Z", "Z");
}

import "server-only";

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(source: HeaderSource, name: string): string | undefined {
  if (source instanceof Headers) return source.get(name) ?? undefined;
  const value = source[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The client address as the nearest proxy reports it (first X-Forwarded-For entry), if any. */
export function clientIp(headers: HeaderSource): string | undefined {
  const forwarded = header(headers, "x-forwarded-for")?.split(",")[0]?.trim();
  const ip = forwarded || header(headers, "x-real-ip")?.trim();
  return ip ? ip.slice(0, 64) : undefined;
}

// Shared by the server page and the client view: a "use client" module cannot export plain values to the server.
export const ALERT_FILTER_KEYS = ["state", "kind", "surface", "outcome", "source", "from", "to"] as const;
export type AlertFilters = Partial<Record<(typeof ALERT_FILTER_KEYS)[number], string>>;
export type KindOption = { value: string; title: string };

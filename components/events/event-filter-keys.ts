// Shared by the server page and the client form: a "use client" module cannot export plain values to the server.
export const EVENT_FILTERS = ["from", "to", "surface", "outcome", "source", "decisionSource", "session", "actor", "gate"] as const;
export type EventFilters = Partial<Record<(typeof EVENT_FILTERS)[number], string>>;

// Intentionally empty: stands in for the `server-only` guard when tests import services directly.
export {};

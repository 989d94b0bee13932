"use client";

/** An error answered by the console's API, with its stable code and field messages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Calls a same-origin console API route with the session cookie and parses the JSON answer. */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? "GET",
    headers: init.body === undefined ? {} : { "Content-Type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: "same-origin",
  });
  const payload = (await response.json().catch(() => ({}))) as { error?: { code: string; message: string; fields?: Record<string, string> } };
  if (!response.ok) {
    const error = payload.error ?? { code: "HTTP_" + response.status, message: `The server answered ${response.status}.` };
    throw new ApiError(response.status, error.code, error.message, error.fields);
  }
  return payload as T;
}

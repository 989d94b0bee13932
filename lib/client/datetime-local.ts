// <input type="datetime-local"> has no time zone: these convert between it and UTC instants.

/** An ISO instant as the value of a datetime-local input, in the browser's zone ("" when unset or invalid). */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** A datetime-local input's value as the ISO instant the user meant. */
export function fromLocalInput(value: string): string {
  return new Date(value).toISOString();
}

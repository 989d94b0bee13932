"use client";

import { useSyncExternalStore } from "react";
import { formatInstant, formatRemaining } from "./grant-format";

// One shared one-second clock for every countdown on the page.
let current = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  current = Date.now();
  timer ??= setInterval(() => {
    current = Date.now();
    for (const notify of listeners) notify();
  }, 1000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** Time left until `until`, ticking every second; the server render shows the end time instead. */
export function Countdown({ until, label = "ends in" }: { until: string; label?: string }) {
  const now = useSyncExternalStore(subscribe, () => current, () => null);
  const end = Date.parse(until);
  if (now === null) return <span>until {formatInstant(until)}</span>;
  if (now >= end) return <span className="text-slate-500">ended {formatInstant(until)}</span>;
  return (
    <span title={`until ${formatInstant(until)}`}>
      {label} <span className="font-mono tabular-nums" role="timer" aria-live="off">{formatRemaining(end - now)}</span>
    </span>
  );
}

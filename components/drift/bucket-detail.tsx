"use client";

import Link from "next/link";
import type { DriftPoint } from "@/lib/server/drift";
import { decisionsHref, receiptsHref } from "./drill-down";
import { formatCount, formatPercent, formatTime } from "./format";

/** The selected bucket: its counts and rates, and the way to the decisions and receipts behind them. */
export function BucketDetail({ surface, point, bucketMs }: { surface: string; point: DriftPoint; bucketMs: number }) {
  const ref = { surface, start: point.start, bucketMs };
  const withDate = bucketMs >= 3_600_000;
  const link = "text-indigo-700 underline";
  return (
    <section aria-label="Selected bucket" className="rounded-md border border-indigo-200 bg-indigo-50 px-4 py-3 text-sm">
      <p className="font-medium">
        {surface}, {formatTime(point.start, true)} – {formatTime(point.start + bucketMs, withDate)}: {formatCount(point.n)} decisions
      </p>
      <ul className="mt-2 grid gap-1 sm:grid-cols-3">
        <li>DENY {point.DENY.k} ({formatPercent(point.DENY.rate)}) · <Link className={link} href={decisionsHref(ref, "DENY")}>denied decisions</Link> · <Link className={link} href={receiptsHref(ref, "DENY")}>receipts</Link></li>
        <li>SILENCE {point.SILENCE.k} ({formatPercent(point.SILENCE.rate)}) · <Link className={link} href={decisionsHref(ref, "SILENCE")}>silenced decisions</Link></li>
        <li><Link className={link} href={decisionsHref(ref)}>All decisions in this bucket</Link> · <Link className={link} href={receiptsHref(ref)}>all receipts</Link></li>
      </ul>
    </section>
  );
}

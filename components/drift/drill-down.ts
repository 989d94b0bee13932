// Links from a chart bucket to the decisions and receipts behind it (the explorers' URL filters).

export type BucketRef = { surface: string; start: number; bucketMs: number };

export function decisionsHref(bucket: BucketRef, outcome?: "DENY" | "SILENCE"): string {
  const params = new URLSearchParams({ surface: bucket.surface, from: new Date(bucket.start).toISOString(), to: new Date(bucket.start + bucket.bucketMs - 1).toISOString() });
  if (outcome) params.set("outcome", outcome);
  return `/events?${params}`;
}

export function receiptsHref(bucket: BucketRef, outcome?: "DENY" | "SILENCE"): string {
  const params = new URLSearchParams({ surface: bucket.surface, from: new Date(bucket.start).toISOString(), to: new Date(bucket.start + bucket.bucketMs - 1).toISOString() });
  if (outcome) params.set("decision", outcome);
  return `/receipts?${params}`;
}

import "server-only";
import type { Job } from "../scheduler/scheduler";
import { advanceGrants } from "./advance-grants";
import { linkGrantUses } from "./link-grant-uses";

/** The grants' background jobs: lifecycle by the clock, and linking receipts that name a grant. */
export function grantJobs(): Job[] {
  return [
    { name: "grants-lifecycle", intervalSeconds: 5, run: async (ctx) => void (await advanceGrants(ctx)) },
    { name: "grants-uses", intervalSeconds: 5, run: async (ctx) => void (await linkGrantUses(ctx)) },
  ];
}

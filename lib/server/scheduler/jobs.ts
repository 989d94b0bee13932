import "server-only";
import { alertJobs } from "../alerts/alert-jobs";
import { grantJobs } from "../grants/grant-jobs";
import { refreshIssuerKeys } from "../issuers/refresh-issuer-keys";
import { tlogJobs } from "../tlog/jobs";
import type { Job } from "./scheduler";

/** Every background job of the console; each runs in one instance at a time (scheduler.ts). */
export function consoleJobs(): Job[] {
  return [
    {
      name: "issuer-keys-refresh",
      intervalSeconds: 15 * 60,
      run: async (ctx) => {
        await refreshIssuerKeys(ctx);
      },
    },
    ...grantJobs(),
    ...alertJobs(),
    ...tlogJobs(),
  ];
}

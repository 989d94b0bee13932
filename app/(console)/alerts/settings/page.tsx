import Link from "next/link";
import { AlertSettingsView } from "@/components/alerts/alert-settings-view";
import { PageHeader } from "@/components/ui/card";
import { getAlertSettings } from "@/lib/server/alerts";
import { pageContext } from "@/lib/server/auth/page-actor";
import { listJobHealth } from "@/lib/server/scheduler";

export const metadata = { title: "Alert settings" };

export default async function AlertSettingsPage() {
  const ctx = await pageContext(["oncall", "auditor", "admin"]);
  const [settings, jobs] = await Promise.all([getAlertSettings(ctx), listJobHealth(ctx)]);
  const canEdit = ctx.actor.type === "user" && ctx.actor.roles.some((role) => role === "oncall" || role === "admin");
  return (
    <>
      <PageHeader title="Alert settings" description="How each surface and source is judged, and whether the evaluator itself is healthy." actions={<Link className="text-sm text-indigo-700 underline" href="/alerts">Back to alerts</Link>} />
      <AlertSettingsView initial={settings} jobs={jobs} canEdit={canEdit} />
    </>
  );
}

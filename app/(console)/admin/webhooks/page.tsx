import { PageHeader } from "@/components/ui/card";
import { WebhooksAdmin } from "@/components/webhooks/webhooks-admin";
import { ALERT_KIND_TITLES, ALERT_KINDS } from "@/lib/server/alerts";
import { pageContext } from "@/lib/server/auth/page-actor";
import { listWebhooks } from "@/lib/server/webhooks";

export const metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const ctx = await pageContext(["admin"]);
  const hooks = await listWebhooks(ctx);
  return (
    <>
      <PageHeader title="Webhooks" description="Where alert notifications go: any Alertmanager-compatible receiver. Each has its own signing secret." />
      <WebhooksAdmin initial={hooks} kinds={ALERT_KINDS.map((value) => ({ value, title: ALERT_KIND_TITLES[value] }))} />
    </>
  );
}

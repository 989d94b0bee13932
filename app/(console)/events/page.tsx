import Link from "next/link";
import { EVENT_FILTERS, type EventFilters } from "@/components/events/event-filter-keys";
import { EventExplorer } from "@/components/events/event-explorer";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/card";
import { pageContext } from "@/lib/server/auth/page-actor";
import { AppError } from "@/lib/server/errors";
import { listEvents, type ListEventsInput } from "@/lib/server/events";
import { listSources } from "@/lib/server/sources";

export const metadata = { title: "Decision events" };

export default async function EventsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const ctx = await pageContext(["oncall", "auditor", "admin"]);
  const params = await searchParams;
  const filters: EventFilters = Object.fromEntries(EVENT_FILTERS.flatMap((key) => (params[key] ? [[key, params[key]]] : [])));
  const header = <PageHeader title="Decision events" description="Every tool decision your gates reported over OpenTelemetry, newest first. Filters live in the URL: share it." />;
  const loaded = await Promise.all([listEvents(ctx, filters as ListEventsInput), listSources(ctx)]).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "VALIDATION") return error;
    throw error;
  });
  if (loaded instanceof AppError) {
    return (
      <>
        {header}
        <Alert tone="error" title="These filters are not valid">
          {loaded.message} <Link className="underline" href="/events">Clear the filters</Link>.
        </Alert>
      </>
    );
  }
  const [page, sources] = loaded;
  return (
    <>
      {header}
      <EventExplorer initial={page} filters={filters} sources={sources.map(({ id, name }) => ({ id, name }))} />
    </>
  );
}

"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";

// Every page renders its data on the server and hands it to its queries as `initialData`, which
// react-query uses only when the cache holds nothing for that key. A query kept after its page
// unmounted would therefore win over the fresher data of the next visit (a page showing a
// count from its last poll, not the one just rendered). gcTime 0 drops a query as soon as no
// page uses it, so each visit starts from what the server just rendered, then polls.
const QUERY_DEFAULTS = { staleTime: 10_000, gcTime: 0, retry: 1, refetchOnWindowFocus: true };

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: QUERY_DEFAULTS } }));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

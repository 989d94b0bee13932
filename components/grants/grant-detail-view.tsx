"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "@/lib/client/api";
import type { GrantDetail } from "@/lib/server/grants/grant-view";
import { GrantFacts } from "./grant-facts";
import { GrantTimeline } from "./grant-timeline";
import { GrantUsesTable } from "./grant-uses-table";
import { OverlappingGrants } from "./overlapping-grants";
import { ReviewPanel } from "./review-panel";
import { RevokePanel } from "./revoke-panel";
import { TokenPanel } from "./token-panel";

export function GrantDetailView({ initial }: { initial: GrantDetail }) {
  const queryClient = useQueryClient();
  const key = ["grant", initial.id];
  const query = useQuery({ queryKey: key, queryFn: () => api<GrantDetail>(`/api/v1/break-glass/${initial.id}`), initialData: initial, refetchInterval: 5_000 });
  const grant = query.data;
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  // Once retrieved, the token stays on screen until the page is left, though it can never be fetched again.
  const [tokenShown, setTokenShown] = useState(false);
  const { permissions } = grant;
  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <div className="space-y-6">
        <OverlappingGrants grants={grant.overlapping} />
        <GrantFacts grant={grant} />
        <GrantUsesTable uses={grant.uses} useCount={grant.useCount} />
      </div>
      <div className="space-y-6">
        {grant.state === "pending" || grant.approvals.length > 0 || grant.denial ? <ReviewPanel grant={grant} onChanged={refresh} /> : null}
        {permissions.canRetrieveToken || tokenShown ? <TokenPanel grantId={grant.id} onRetrieved={() => { setTokenShown(true); refresh(); }} /> : null}
        {permissions.canRevoke ? <RevokePanel grantId={grant.id} state={grant.state} onChanged={refresh} /> : null}
        <GrantTimeline entries={grant.timeline} />
      </div>
    </div>
  );
}

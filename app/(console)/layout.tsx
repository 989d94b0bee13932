import type { ReactNode } from "react";
import { ConsoleShell } from "@/components/shell/console-shell";
import { requirePageActor } from "@/lib/server/auth/page-actor";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor();
  return (
    <ConsoleShell email={actor.email} roles={actor.roles}>
      {children}
    </ConsoleShell>
  );
}

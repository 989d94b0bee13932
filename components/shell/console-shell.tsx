import Link from "next/link";
import type { ReactNode } from "react";
import { ROLE_LABELS, hasAnyRole, type Role } from "@/lib/core/accounts";
import { Nav } from "./nav";
import { NAV_ITEMS } from "./nav-items";
import { SignOutButton } from "./sign-out-button";

export function ConsoleShell({ email, roles, children }: { email: string; roles: Role[]; children: ReactNode }) {
  const items = NAV_ITEMS.filter((item) => hasAnyRole(roles, item.roles));
  return (
    <div className="flex min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <aside className="flex w-60 shrink-0 flex-col bg-slate-900 px-3 py-5">
        <Link href="/" className="px-3 text-lg font-semibold tracking-tight text-white">
          countersign
        </Link>
        <div className="mt-6 flex-1">
          <Nav items={items} />
        </div>
        <div className="border-t border-slate-800 px-3 pt-4">
          <p className="truncate text-sm text-white" title={email}>
            {email}
          </p>
          <p className="mt-0.5 text-xs text-slate-400">{roles.map((role) => ROLE_LABELS[role]).join(" · ")}</p>
          <div className="mt-2">
            <SignOutButton />
          </div>
        </div>
      </aside>
      <main id="main" className="min-w-0 flex-1 px-8 py-8">
        {children}
      </main>
    </div>
  );
}

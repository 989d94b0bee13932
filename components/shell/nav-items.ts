import type { Role } from "@/lib/core/accounts";

export type NavItem = { href: string; label: string; roles: readonly Role[]; section: "Evidence" | "Operations" | "Administration" | "You" };

// The navigation shows only what the user's roles may open; services enforce the same rules.
export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Overview", roles: ["auditor", "oncall", "admin"], section: "Evidence" },
  { href: "/events", label: "Decision events", roles: ["auditor", "oncall", "admin"], section: "Evidence" },
  { href: "/receipts", label: "Receipts", roles: ["auditor", "oncall", "admin"], section: "Evidence" },
  { href: "/findings", label: "Findings", roles: ["auditor", "admin"], section: "Evidence" },
  { href: "/verify", label: "Verify receipts", roles: ["auditor", "oncall", "admin"], section: "Evidence" },
  { href: "/log", label: "Transparency log", roles: ["auditor", "oncall", "admin"], section: "Evidence" },
  { href: "/drift", label: "Outcome drift", roles: ["auditor", "oncall", "admin"], section: "Operations" },
  { href: "/alerts", label: "Alerts", roles: ["auditor", "oncall", "admin"], section: "Operations" },
  { href: "/sources", label: "Sources", roles: ["auditor", "oncall", "admin"], section: "Operations" },
  { href: "/connect", label: "Connect a gate", roles: ["auditor", "oncall", "admin"], section: "Operations" },
  { href: "/break-glass", label: "Break-glass grants", roles: ["auditor", "oncall", "admin"], section: "Operations" },
  { href: "/issuers", label: "Issuers & keys", roles: ["auditor", "oncall", "admin"], section: "Administration" },
  { href: "/audit", label: "Audit trail", roles: ["auditor", "admin"], section: "Administration" },
  { href: "/admin/users", label: "Users", roles: ["admin"], section: "Administration" },
  { href: "/admin/webhooks", label: "Webhooks", roles: ["admin"], section: "Administration" },
  { href: "/account", label: "Account & API tokens", roles: ["auditor", "oncall", "admin"], section: "You" },
];

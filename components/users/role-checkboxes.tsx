"use client";

import { ROLES, ROLE_LABELS, type Role } from "@/lib/core/accounts";

export function RoleCheckboxes({ name, value, onChange, legend = "Roles", error }: { name: string; value: Role[]; onChange: (roles: Role[]) => void; legend?: string; error?: string }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      <div className="mt-1 flex gap-4">
        {ROLES.map((role) => (
          <label key={role} className="flex items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              name={name}
              value={role}
              checked={value.includes(role)}
              onChange={(event) => onChange(event.target.checked ? [...value, role] : value.filter((r) => r !== role))}
              className="h-4 w-4 rounded border-slate-300 text-indigo-600"
            />
            {ROLE_LABELS[role]}
          </label>
        ))}
      </div>
      {error ? <p className="mt-1 text-xs text-red-700">{error}</p> : null}
    </fieldset>
  );
}

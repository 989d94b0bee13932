"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Td } from "@/components/ui/table";
import type { Role } from "@/lib/core/accounts";
import type { UserView } from "@/lib/server/users/user-view";
import { RoleCheckboxes } from "./role-checkboxes";
import { RoleBadges } from "./role-badges";
import { ResetPasswordForm } from "./reset-password-form";

type Props = {
  user: UserView;
  isSelf: boolean;
  busy: boolean;
  onChange: (body: { roles?: Role[]; disabled?: boolean }) => void;
  onMessage: (message: { tone: "success" | "error"; text: string }) => void;
};

export function UserRow({ user, isSelf, busy, onChange, onMessage }: Props) {
  const [editing, setEditing] = useState(false);
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [resetting, setResetting] = useState(false);

  return (
    <tr>
      <Td>
        <p className="font-medium">{user.email}</p>
        <p className="text-xs text-slate-500">{user.name || "—"}{isSelf ? " · you" : ""}{user.authProvider === "oidc" ? " · single sign-on" : ""}</p>
      </Td>
      <Td>
        {editing ? (
          <div className="space-y-2">
            <RoleCheckboxes name={`roles-${user.id}`} legend={`Roles for ${user.email}`} value={roles} onChange={setRoles} />
            <div className="flex gap-2">
              <Button size="sm" disabled={busy || roles.length === 0} onClick={() => { onChange({ roles }); setEditing(false); }}>Save roles</Button>
              <Button size="sm" variant="ghost" onClick={() => { setRoles(user.roles); setEditing(false); }}>Cancel</Button>
            </div>
          </div>
        ) : (
          <RoleBadges roles={user.roles} />
        )}
        {resetting ? (
          <ResetPasswordForm
            user={user}
            onDone={(message) => {
              setResetting(false);
              if (message) onMessage(message);
            }}
          />
        ) : null}
      </Td>
      <Td>{user.disabled ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Active</Badge>}</Td>
      <Td className="whitespace-nowrap text-slate-600">{user.lastLoginAt ? new Date(user.lastLoginAt).toLocaleString() : "never"}</Td>
      <Td className="text-right">
        <div className="flex justify-end gap-1">
          {!editing ? <Button size="sm" variant="secondary" onClick={() => setEditing(true)} aria-label={`Change roles of ${user.email}`}>Roles</Button> : null}
          {user.authProvider === "password" ? (
            <Button size="sm" variant="secondary" onClick={() => setResetting(true)} aria-label={`Reset password of ${user.email}`}>Reset password</Button>
          ) : null}
          <Button
            size="sm"
            variant={user.disabled ? "secondary" : "danger"}
            disabled={busy}
            onClick={() => onChange({ disabled: !user.disabled })}
            aria-label={`${user.disabled ? "Enable" : "Disable"} ${user.email}`}
          >
            {user.disabled ? "Enable" : "Disable"}
          </Button>
        </div>
      </Td>
    </tr>
  );
}

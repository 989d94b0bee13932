"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import type { Role } from "@/lib/core/accounts";
import { ApiError, api } from "@/lib/client/api";
import type { UserView } from "@/lib/server/users/user-view";
import { RoleCheckboxes } from "./role-checkboxes";

export function CreateUserForm({ onCreated }: { onCreated: (user: UserView) => void }) {
  const [roles, setRoles] = useState<Role[]>(["auditor"]);
  const [error, setError] = useState<ApiError | undefined>();
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setPending(true);
    setError(undefined);
    try {
      const user = await api<UserView>("/api/v1/users", {
        method: "POST",
        body: { email: form.get("email"), name: form.get("name"), password: form.get("password"), roles },
      });
      formElement.reset();
      setRoles(["auditor"]);
      onCreated(user);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, "NETWORK", "The console could not be reached."));
    } finally {
      setPending(false);
    }
  }

  return (
    <Card title="Add a user" description="They sign in with this email and password; they can change the password later.">
      <form onSubmit={submit} className="grid gap-4 md:grid-cols-2" noValidate aria-label="Add a user">
        {error ? <div className="md:col-span-2"><Alert tone="error">{error.message}</Alert></div> : null}
        <TextField label="Email" name="email" type="email" required error={error?.fields.email} />
        <TextField label="Name" name="name" />
        <TextField label="Initial password" name="password" type="password" autoComplete="new-password" required hint="At least 12 characters." error={error?.fields.password} />
        <RoleCheckboxes name="roles" value={roles} onChange={setRoles} error={error?.fields.roles} />
        <div className="md:col-span-2">
          <Button type="submit" disabled={pending}>{pending ? "Adding…" : "Add user"}</Button>
        </div>
      </form>
    </Card>
  );
}

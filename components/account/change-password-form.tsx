"use client";

import { signOut } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { ApiError, api } from "@/lib/client/api";

export function ChangePasswordForm() {
  const [error, setError] = useState<ApiError | undefined>();
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    try {
      await api("/api/v1/me/password", { method: "POST", body: { currentPassword: form.get("current"), newPassword: form.get("next") } });
      // Every session, this one included, ended with the change: sign in again.
      await signOut({ callbackUrl: "/signin?error=SessionRequired" });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, "NETWORK", "The console could not be reached."));
      setPending(false);
    }
  }

  return (
    <Card title="Change your password" description="All your sessions end; you sign in again with the new password.">
      <form onSubmit={submit} className="max-w-sm space-y-4" aria-label="Change your password" noValidate>
        {error ? <Alert tone="error">{error.message}</Alert> : null}
        <TextField label="Current password" name="current" type="password" autoComplete="current-password" required error={error?.fields.currentPassword} />
        <TextField label="New password" name="next" type="password" autoComplete="new-password" required hint="At least 12 characters." error={error?.fields.newPassword} />
        <Button type="submit" disabled={pending}>{pending ? "Changing…" : "Change password"}</Button>
      </form>
    </Card>
  );
}

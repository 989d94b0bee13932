"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { ApiError, api } from "@/lib/client/api";
import type { UserView } from "@/lib/server/users/user-view";

type Message = { tone: "success" | "error"; text: string };

export function ResetPasswordForm({ user, onDone }: { user: UserView; onDone: (message?: Message) => void }) {
  const [error, setError] = useState<string | undefined>();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = new FormData(event.currentTarget).get("password");
    try {
      await api(`/api/v1/users/${user.id}/password`, { method: "POST", body: { password } });
      onDone({ tone: "success", text: `Password reset for ${user.email}; their sessions have ended.` });
    } catch (caught) {
      setError(caught instanceof ApiError ? (caught.fields.password ?? caught.message) : "Reset failed.");
    }
  }

  return (
    <form onSubmit={submit} className="mt-3 space-y-2" aria-label={`Reset password of ${user.email}`}>
      <TextField label={`New password for ${user.email}`} name="password" type="password" autoComplete="new-password" required error={error} hint="At least 12 characters." />
      <div className="flex gap-2">
        <Button size="sm" type="submit">Set password</Button>
        <Button size="sm" variant="ghost" onClick={() => onDone()}>Cancel</Button>
      </div>
    </form>
  );
}

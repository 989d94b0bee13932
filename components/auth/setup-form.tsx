"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { ApiError, api } from "@/lib/client/api";

export function SetupForm({ token }: { token: string }) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | undefined>();
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    if (form.get("password") !== form.get("confirm")) {
      setError(new ApiError(422, "VALIDATION", "The passwords do not match.", { confirm: "does not match" }));
      return;
    }
    setPending(true);
    try {
      await api("/api/setup", { method: "POST", body: { token, email: form.get("email"), name: form.get("name"), password: form.get("password") } });
      router.replace("/signin?setup=done");
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, "NETWORK", "The console could not be reached."));
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {error ? <Alert tone="error">{error.message}</Alert> : null}
      <TextField label="Admin email" name="email" type="email" autoComplete="username" required error={error?.fields.email} />
      <TextField label="Name" name="name" autoComplete="name" />
      <TextField label="Password" name="password" type="password" autoComplete="new-password" required hint="At least 12 characters." error={error?.fields.password} />
      <TextField label="Repeat the password" name="confirm" type="password" autoComplete="new-password" required error={error?.fields.confirm} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating the admin…" : "Create the first admin"}
      </Button>
    </form>
  );
}

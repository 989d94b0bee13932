"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { ApiError, api } from "@/lib/client/api";
import type { KeyChangeResult } from "@/lib/server/issuers";
import { JwksInput } from "./jwks-input";

/** Registers an issuer from a pasted or uploaded JWKS, or a JWKS URL the console keeps refreshing. */
export function CreateIssuerForm({ onCreated }: { onCreated: (result: KeyChangeResult) => void }) {
  const [mode, setMode] = useState<"jwks" | "url">("jwks");
  const [error, setError] = useState<ApiError | undefined>();
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const keys = mode === "jwks" ? { jwks: String(form.get("jwks") ?? "") } : { jwksUrl: String(form.get("jwksUrl") ?? "") };
    setPending(true);
    setError(undefined);
    try {
      const result = await api<KeyChangeResult>("/api/v1/issuers", { method: "POST", body: { iss: form.get("iss"), name: form.get("name"), ...keys } });
      formElement.reset();
      onCreated(result);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, "NETWORK", "The console could not be reached."));
    } finally {
      setPending(false);
    }
  }

  const keyError = error?.fields.jwks ?? Object.entries(error?.fields ?? {}).find(([field]) => field.startsWith("keys."))?.[1];
  return (
    <Card title="Register an issuer" description="An issuer is the iss a gate writes into its receipts. Its public keys decide which receipts verify.">
      <form onSubmit={submit} className="grid gap-4 md:grid-cols-2" noValidate aria-label="Register an issuer">
        {error ? <div className="md:col-span-2"><Alert tone="error">{error.message}</Alert></div> : null}
        <TextField label="Issuer (iss)" name="iss" required placeholder="e.g. gate-eu-1" error={error?.fields.iss} />
        <TextField label="Display name" name="name" placeholder="optional" />
        <fieldset className="md:col-span-2">
          <legend className="text-sm font-medium text-slate-700">Keys from</legend>
          <div className="mt-1 flex gap-4 text-sm">
            <label className="flex items-center gap-1.5"><input type="radio" name="mode" checked={mode === "jwks"} onChange={() => setMode("jwks")} /> A JWKS I paste or upload</label>
            <label className="flex items-center gap-1.5"><input type="radio" name="mode" checked={mode === "url"} onChange={() => setMode("url")} /> A JWKS URL (refreshed on a schedule)</label>
          </div>
        </fieldset>
        <div className="md:col-span-2">
          {mode === "jwks" ? (
            <JwksInput name="jwks" error={keyError} />
          ) : (
            <TextField label="JWKS URL" name="jwksUrl" type="url" placeholder="https://gate.example.com/.well-known/jwks.json" hint="https only; no redirects, no private addresses; 5 s timeout, 512 KiB at most." error={error?.fields.jwksUrl} />
          )}
        </div>
        <div className="md:col-span-2">
          <Button type="submit" disabled={pending}>{pending ? "Registering…" : "Register issuer"}</Button>
        </div>
      </form>
    </Card>
  );
}

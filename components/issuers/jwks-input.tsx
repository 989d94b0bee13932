"use client";

import { useState } from "react";
import { readFiles, TextAreaField } from "@/components/verify/text-area-field";

/** A JWKS pasted, or loaded from a file into the same field so the admin sees what is sent. */
export function JwksInput({ name, error, label = "JWKS (public keys)" }: { name: string; error?: string; label?: string }) {
  const [text, setText] = useState("");
  return (
    <div className="space-y-2">
      <TextAreaField
        label={label}
        name={name}
        rows={8}
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder='{"keys":[{"kty":"OKP","crv":"Ed25519","x":"…","kid":"gate-eu-1-2026","alg":"EdDSA"}]}'
        hint="Public keys only. A private key is refused and must then be treated as exposed. Keys may carry valid_from, valid_until and revoked_at."
        error={error}
      />
      <label className="block text-sm text-slate-700">
        <span className="font-medium">Or load a JWKS file</span>
        <input
          type="file"
          accept=".json,.jwks,application/json"
          className="mt-1 block text-sm"
          onChange={async (event) => setText((await readFiles(event.currentTarget.files))[0]?.text ?? text)}
        />
      </label>
    </div>
  );
}

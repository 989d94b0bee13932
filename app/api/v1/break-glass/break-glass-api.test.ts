/**
 * The break-glass API as a script or a chat-op uses it: personal API tokens, JSON in and out,
 * the token in the activating approval's answer, and a gate's view of the public JWKS and
 * revocation list through `countersign grant verify`.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as jwksRoute } from "@/app/.well-known/jwks.json/route";
import { command as grantVerify } from "@/lib/cli/commands/grant-verify";
import type { CliIO } from "@/lib/cli/io";
import { useDatabase } from "@/lib/server/db";
import { setGrantSettings } from "@/lib/server/grants";
import { AUDIENCE, installGrantSettings, ISSUER, requestBody } from "@/lib/server/grants/grants.test-support";
import { systemCtx } from "@/lib/server/testing/contexts";
import { serveFetchHandler } from "@/lib/server/testing/serve-fetch-handler";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { createApiTokenForUser } from "@/lib/server/tokens";
import { createUser } from "@/lib/server/users";
import { GET as getOne } from "./[id]/route";
import { POST as approve } from "./[id]/approve/route";
import { POST as deny } from "./[id]/deny/route";
import { POST as revoke } from "./[id]/revoke/route";
import { POST as retrieve } from "./[id]/token/route";
import { GET as revocationsRoute } from "./revocations/route";
import { GET as list, POST as request } from "./route";

process.env.COUNTERSIGN_DATA_DIR = mkdtempSync(path.join(tmpdir(), "countersign-break-glass-"));

type Handler = (req: Request, segment: { params: Promise<never> }) => Promise<Response>;
const BASE = "http://localhost:3000";

async function call(handler: Handler, token: string, url: string, body?: unknown, id = "") {
  const init: RequestInit = { method: body === undefined ? "GET" : "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } };
  if (body !== undefined) init.body = JSON.stringify(body);
  const response = await handler(new Request(BASE + url, init), { params: Promise.resolve({ id }) as Promise<never> });
  return { status: response.status, cache: response.headers.get("cache-control"), json: (await response.json()) as Record<string, unknown> & { error?: Record<string, unknown> } };
}

function route(req: Request): Promise<Response> {
  const segment = { params: Promise.resolve({}) };
  const { pathname } = new URL(req.url);
  if (pathname === "/.well-known/jwks.json") return jwksRoute(req, segment);
  if (pathname === "/api/v1/break-glass/revocations") return revocationsRoute(req, segment);
  return Promise.resolve(new Response("not found", { status: 404 }));
}

describe("break-glass API with personal API tokens", () => {
  let database: TestDatabase;
  let served: Awaited<ReturnType<typeof serveFetchHandler>>;
  const tokens: Record<"alice" | "bob" | "oscar" | "audrey", string> = { alice: "", bob: "", oscar: "", audrey: "" };

  async function verify(token: string) {
    const lines: string[] = [];
    const io: CliIO = { out: (line) => lines.push(line), err: (line) => lines.push(line), readStdin: async () => "", env: {} };
    const args = ["--jwks", `${served.url}/.well-known/jwks.json`, "--revocations", `${served.url}/api/v1/break-glass/revocations`, "--audience", AUDIENCE, "--issuer", ISSUER, "--json", token];
    const code = await grantVerify.run(args, io);
    return { code, result: JSON.parse(lines.join("\n")) as { code: string } };
  }

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    useDatabase(database);
    await installGrantSettings();
    const roles = { alice: ["admin"], bob: ["admin"], oscar: ["oncall"], audrey: ["auditor"] } as const;
    for (const [name, userRoles] of Object.entries(roles) as Array<[keyof typeof tokens, readonly ["admin"] | readonly ["oncall"] | readonly ["auditor"]]>) {
      await createUser(systemCtx(database.db), { email: `${name}@example.com`, roles: [...userRoles], password: "api test password" });
      tokens[name] = (await createApiTokenForUser(systemCtx(database.db), `${name}@example.com`, { name: "script" })).token;
    }
    served = await serveFetchHandler(route);
  });
  afterAll(async () => {
    setGrantSettings(undefined);
    await served.close();
    await database.drop();
  });

  it("requests, refuses self-approval, approves with the token in the answer, and a gate verifies it until it is revoked", async () => {
    const filed = await call(request, tokens.alice, "/api/v1/break-glass", requestBody("agent:billing-bot"));
    expect(filed).toMatchObject({ status: 201, json: { state: "pending", overlapping: [] } });
    const id = String(filed.json.id);

    const self = await call(approve, tokens.alice, `/api/v1/break-glass/${id}/approve`, { comment: "mine" }, id);
    expect(self).toMatchObject({ status: 403, json: { error: { code: "FORBIDDEN", reason: "SELF_APPROVAL" } } });
    expect((await call(approve, tokens.oscar, `/api/v1/break-glass/${id}/approve`, {}, id)).status).toBe(403);

    const approved = await call(approve, tokens.bob, `/api/v1/break-glass/${id}/approve`, { comment: "confirmed on the bridge" }, id);
    expect(approved).toMatchObject({ status: 200, cache: "no-store", json: { id, state: "active", token: expect.any(String) } });
    const token = String(approved.json.token);
    expect(await verify(token)).toMatchObject({ code: 0, result: { code: "valid" } });

    const read = await call(getOne, tokens.audrey, `/api/v1/break-glass/${id}`, undefined, id);
    expect(read.status).toBe(200);
    expect(read.json).not.toHaveProperty("token");
    expect((read.json.timeline as Array<{ kind: string }>).map((e) => e.kind)).toEqual(["requested", "approval", "activated"]);
    const active = await call(list, tokens.oscar, "/api/v1/break-glass?state=active");
    expect((active.json.items as Array<{ id: string }>).map((g) => g.id)).toEqual([id]);

    // The approval was the one answer with the token; the requester may fetch it once more, and only once.
    const fetched = await call(retrieve, tokens.alice, `/api/v1/break-glass/${id}/token`, {}, id);
    expect(fetched).toMatchObject({ status: 200, cache: "no-store", json: { token } });
    expect((await call(retrieve, tokens.alice, `/api/v1/break-glass/${id}/token`, {}, id)).status).toBe(409);

    expect(await call(revoke, tokens.alice, `/api/v1/break-glass/${id}/revoke`, { reason: "incident closed" }, id)).toMatchObject({ status: 200, json: { state: "revoked" } });
    expect(await verify(token)).toMatchObject({ code: 1, result: { code: "revoked" } });
  });

  it("answers rule, role and state refusals with the rule's code", async () => {
    const overCap = await call(request, tokens.oscar, "/api/v1/break-glass", requestBody("agent:x", { durationSeconds: 48 * 3600 }));
    expect(overCap).toMatchObject({ status: 422, json: { error: { code: "VALIDATION", reason: "DURATION_OVER_CAP", fields: { durationSeconds: expect.any(String) } } } });
    expect((await call(request, tokens.audrey, "/api/v1/break-glass", requestBody("agent:x"))).status).toBe(403);
    const filed = await call(request, tokens.oscar, "/api/v1/break-glass", requestBody("agent:x"));
    const id = String(filed.json.id);
    expect(await call(deny, tokens.bob, `/api/v1/break-glass/${id}/deny`, { comment: "" }, id)).toMatchObject({ status: 422, json: { error: { reason: "COMMENT_REQUIRED" } } });
    expect((await call(deny, tokens.bob, `/api/v1/break-glass/${id}/deny`, { comment: "not this way" }, id)).json).toEqual({ id, state: "denied" });
    expect(await call(approve, tokens.alice, `/api/v1/break-glass/${id}/approve`, {}, id)).toMatchObject({ status: 409, json: { error: { reason: "INVALID_TRANSITION" } } });
    expect((await call(getOne, tokens.audrey, "/api/v1/break-glass/not-a-grant", undefined, "not-a-grant")).status).toBe(404);
  });
});

/**
 * Every route handler in app/ must refuse unauthenticated callers (401) and every role its
 * policy does not list (403). A new route without an entry here fails this suite, so an
 * endpoint cannot land without a decision about who may call it.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "@/lib/core/accounts";
import { useDatabase } from "@/lib/server/db";
import { systemCtx } from "@/lib/server/testing/contexts";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { createApiTokenForUser } from "@/lib/server/tokens";
import { createUser } from "@/lib/server/users";

process.env.COUNTERSIGN_DATA_DIR = mkdtempSync(path.join(tmpdir(), "countersign-authz-"));

// "ingest": only a source's ingest token; personal API tokens and sessions are refused.
type Policy = "public" | "signed-in" | "ingest" | Role[];

// METHOD + route path (as the folder structure spells it) → who may call it.
const POLICY: Record<string, Policy> = {
  "GET /api/health": "public",
  "GET /api/auth/[...nextauth]": "public",
  "POST /api/auth/[...nextauth]": "public",
  "POST /api/setup": "public",
  "GET /metrics": "public",
  "POST /v1/logs": "ingest",
  "GET /api/v1/me": "signed-in",
  "POST /api/v1/me/password": "signed-in",
  "GET /api/v1/tokens": "signed-in",
  "POST /api/v1/tokens": "signed-in",
  "DELETE /api/v1/tokens/[id]": "signed-in",
  "GET /api/v1/users": ["admin"],
  "POST /api/v1/users": ["admin"],
  "PATCH /api/v1/users/[id]": ["admin"],
  "POST /api/v1/users/[id]/password": ["admin"],
  "GET /api/v1/audit": ["admin", "auditor"],
  "GET /api/v1/audit/verify": ["admin", "auditor"],
  "GET /api/v1/events": ["admin", "oncall", "auditor"],
  "GET /api/v1/events/[id]": ["admin", "oncall", "auditor"],
  "GET /api/v1/sources": ["admin", "oncall", "auditor"],
  "POST /api/v1/sources": ["admin"],
  "DELETE /api/v1/sources/[id]": ["admin"],
  "POST /api/v1/receipts": "ingest",
  "GET /api/v1/receipts": ["admin", "oncall", "auditor"],
  "GET /api/v1/receipts/[id]": ["admin", "oncall", "auditor"],
  "GET /api/v1/receipts/findings": ["admin", "auditor"],
  "GET /api/v1/issuers": ["admin", "oncall", "auditor"],
  "POST /api/v1/issuers": ["admin"],
  "GET /api/v1/issuers/[id]": ["admin", "oncall", "auditor"],
  "POST /api/v1/issuers/[id]/keys": ["admin"],
  "POST /api/v1/issuers/[id]/keys/[keyId]/revoke": ["admin"],
  "POST /api/v1/issuers/[id]/refresh": ["admin"],
  "GET /api/v1/issuers/[id]/trust.json": "signed-in", // and anyone when public verification is on
  "GET /api/v1/issuers/trust.json": "signed-in", // and anyone when public verification is on
  "GET /api/v1/issuers/public-verification": ["admin", "oncall", "auditor"],
  "PUT /api/v1/issuers/public-verification": ["admin"],
  "GET /api/v1/log/checkpoint": "public",
  "GET /api/v1/log/vkey": "public",
  "GET /api/v1/log/proof/inclusion": "public",
  "GET /api/v1/log/proof/consistency": "public",
  "GET /api/v1/log/entries": "public",
  "GET /api/v1/log/checkpoints": "public",
  "GET /api/v1/log/bundle": ["admin", "auditor"],
  "POST /api/v1/log/bundle": ["admin", "auditor"],
  "GET /api/v1/break-glass": ["admin", "oncall", "auditor"],
  "POST /api/v1/break-glass": ["admin", "oncall"],
  "GET /api/v1/break-glass/[id]": ["admin", "oncall", "auditor"],
  "POST /api/v1/break-glass/[id]/approve": ["admin"],
  "POST /api/v1/break-glass/[id]/deny": ["admin"],
  "POST /api/v1/break-glass/[id]/revoke": ["admin", "oncall"], // an on-call user only for grants they requested
  "POST /api/v1/break-glass/[id]/token": ["admin", "oncall", "auditor"], // only the grant's requester or grantee
  "GET /api/v1/break-glass/revocations": "public",
  "GET /.well-known/jwks.json": "public",
  "GET /api/v1/alerts": ["admin", "oncall", "auditor"],
  "GET /api/v1/alerts/[id]": ["admin", "oncall", "auditor"],
  "POST /api/v1/alerts/[id]/acknowledge": ["admin", "oncall"],
  "POST /api/v1/alerts/evaluate": ["admin"],
  "GET /api/v1/alerts/silences": ["admin", "oncall", "auditor"],
  "POST /api/v1/alerts/silences": ["admin", "oncall"],
  "DELETE /api/v1/alerts/silences/[id]": ["admin", "oncall"],
  "GET /api/v1/alerts/settings": ["admin", "oncall", "auditor"],
  "PUT /api/v1/alerts/settings": ["admin", "oncall"],
  "PUT /api/v1/alerts/settings/sources/[id]": ["admin", "oncall"],
  "GET /api/v1/drift/overview": ["admin", "oncall", "auditor"],
  "GET /api/v1/drift/series": ["admin", "oncall", "auditor"],
  "GET /api/v1/webhooks": ["admin"],
  "POST /api/v1/webhooks": ["admin"],
  "PATCH /api/v1/webhooks/[id]": ["admin"],
  "DELETE /api/v1/webhooks/[id]": ["admin"],
  "POST /api/v1/webhooks/[id]/rotate-secret": ["admin"],
  "POST /api/v1/webhooks/[id]/test": ["admin"],
  "GET /api/v1/webhooks/[id]/deliveries": ["admin"],
};

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const APP_DIR = path.resolve(__dirname);

function routeFiles(dir = APP_DIR): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return entry === "route.ts" ? [full] : [];
  });
}

function routePath(file: string): string {
  const relative = path.relative(APP_DIR, path.dirname(file)).split(path.sep);
  return "/" + relative.filter((segment) => !/^\(.*\)$/.test(segment)).join("/");
}

type Handler = (req: Request, segment: { params: Promise<Record<string, unknown>> }) => Promise<Response>;

async function discoverEndpoints() {
  const endpoints: Array<{ key: string; path: string; method: string; handler: Handler }> = [];
  for (const file of routeFiles()) {
    const exports = (await import(file)) as Record<string, unknown>;
    for (const method of METHODS) {
      if (typeof exports[method] === "function") {
        endpoints.push({ key: `${method} ${routePath(file)}`, path: routePath(file), method, handler: exports[method] as Handler });
      }
    }
  }
  return endpoints;
}

function call(endpoint: { path: string; method: string; handler: Handler }, token?: string): Promise<Response> {
  const url = "http://localhost:3000" + endpoint.path.replace(/\[(\.\.\.)?\w+\]/g, "00000000-0000-4000-8000-000000000000");
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const body = endpoint.method === "GET" || endpoint.method === "DELETE" ? undefined : "{}";
  const params = Promise.resolve({ id: "00000000-0000-4000-8000-000000000000" });
  return endpoint.handler(new Request(url, { method: endpoint.method, headers, body }), { params });
}

describe("authorization matrix", async () => {
  const endpoints = await discoverEndpoints();
  let database: TestDatabase;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    useDatabase(database);
    for (const role of ROLES) {
      await createUser(systemCtx(database.db), { email: `${role}@example.com`, roles: [role], password: "matrix password 1" });
      tokens[role] = (await createApiTokenForUser(systemCtx(database.db), `${role}@example.com`, { name: "matrix" })).token;
    }
  });
  afterAll(() => database.drop());

  it("has a policy for every route handler, and no stale policies", () => {
    const found = endpoints.map((e) => e.key).sort();
    expect(found).toEqual(Object.keys(POLICY).sort());
  });

  it("uses no server actions: console mutations go through the guarded /api routes", () => {
    const sources = ["app", "components"].flatMap((dir) => filesUnder(path.resolve(APP_DIR, "..", dir)));
    const withActions = sources.filter((file) => /^\s*["']use server["']/m.test(readFileSync(file, "utf8")));
    expect(withActions).toEqual([]);
  });

  for (const endpoint of await discoverEndpoints()) {
    const policy = POLICY[endpoint.key];
    if (policy === undefined || policy === "public") continue;
    if (policy === "ingest") {
      it(`${endpoint.key} accepts only ingest tokens`, async () => {
        expect((await call(endpoint)).status).toBe(401);
        for (const role of ROLES) expect((await call(endpoint, tokens[role])).status, `${role}'s API token`).toBe(401);
      });
      continue;
    }
    it(`${endpoint.key} refuses unauthenticated callers and wrong roles`, async () => {
      const anonymous = await call(endpoint);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
      expect((await call(endpoint, "csk_not-a-real-token")).status).toBe(401);
      for (const role of ROLES) {
        const response = await call(endpoint, tokens[role]);
        const allowed = policy === "signed-in" || policy.includes(role);
        if (allowed) expect([401, 403], `${role} should pass the guard`).not.toContain(response.status);
        else {
          expect(response.status, `${role} must be refused`).toBe(403);
          expect(await response.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
        }
      }
    });
  }
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? filesUnder(full) : /\.(ts|tsx)$/.test(entry) ? [full] : [];
  });
}

import path from "node:path";
import { z } from "zod";
import packageJson from "../../package.json";

// The one place that reads process.env (STYLE.md §7). Every variable is documented in README.md.

const seconds = (fallback: number, max = 31 * 24 * 3600) =>
  z.coerce.number().int().min(1).max(max).default(fallback);

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const Role = z.enum(["auditor", "oncall", "admin"]);

const roleMap = z
  .string()
  .default("")
  .transform((value, ctx) => {
    const map: Record<string, Array<z.infer<typeof Role>>> = {};
    for (const pair of value.split(",").map((p) => p.trim()).filter(Boolean)) {
      const [group, role] = pair.split("=").map((p) => p.trim());
      const parsed = Role.safeParse(role);
      if (!group || !parsed.success) {
        ctx.addIssue({ code: "custom", message: `expected "group=role" pairs with role auditor|oncall|admin, got "${pair}"` });
        return z.NEVER;
      }
      (map[group] ??= []).push(parsed.data);
    }
    return map;
  });

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  COUNTERSIGN_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATABASE_URL: optionalText.pipe(z.string().regex(/^postgres(ql)?:\/\//, "expected a postgres:// URL").optional()),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  COUNTERSIGN_DATA_DIR: z.string().default("./.data"),
  COUNTERSIGN_AUTH_SECRET: optionalText.pipe(z.string().min(32, "expected at least 32 characters").optional()),
  COUNTERSIGN_SESSION_MAX_AGE: seconds(8 * 3600),
  COUNTERSIGN_ADMIN_EMAIL: optionalText.pipe(z.email().optional()),
  COUNTERSIGN_ADMIN_PASSWORD: optionalText,
  COUNTERSIGN_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  COUNTERSIGN_LOGIN_LOCKOUT: seconds(15 * 60),
  COUNTERSIGN_OIDC_ISSUER: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  COUNTERSIGN_OIDC_CLIENT_ID: optionalText,
  COUNTERSIGN_OIDC_CLIENT_SECRET: optionalText,
  COUNTERSIGN_OIDC_NAME: z.string().default("Single sign-on"),
  COUNTERSIGN_OIDC_GROUPS_CLAIM: z.string().default("groups"),
  COUNTERSIGN_OIDC_ROLE_MAP: roleMap,
  COUNTERSIGN_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  COUNTERSIGN_METRICS_TOKEN: optionalText.pipe(z.string().min(16, "expected at least 16 characters").optional()),
  COUNTERSIGN_OTLP_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(1024 ** 3).default(16 * 1024 * 1024),
  COUNTERSIGN_OTLP_MAX_DECOMPRESSED_BYTES: z.coerce.number().int().min(1024).max(4 * 1024 ** 3).default(64 * 1024 * 1024),
  COUNTERSIGN_INGEST_MAX_CONCURRENCY: z.coerce.number().int().min(1).max(1024).default(32),
  COUNTERSIGN_GRANT_KEYS: optionalText,
  COUNTERSIGN_GRANT_KEYS_FILE: optionalText,
  // No grant outlives a day, whatever the configuration (lib/core/grants HARD_MAX_DURATION_SECONDS).
  COUNTERSIGN_GRANT_MAX_DURATION: z.coerce.number().int().min(60).max(24 * 3600, "at most 86400 (24 h)").default(4 * 3600),
  COUNTERSIGN_GRANT_REQUIRED_APPROVALS: z.coerce.number().int().min(1).max(10).default(1),
  COUNTERSIGN_GRANT_PENDING_TTL: z.coerce.number().int().min(60).max(7 * 24 * 3600).default(3600),
  COUNTERSIGN_GRANT_ALLOW_WILDCARDS: optionalText.pipe(z.stringbool().optional()).transform((value) => value ?? false),
  COUNTERSIGN_GRANT_AUDIENCE: z.string().trim().min(1).max(256).default("countersign-gates"),
  COUNTERSIGN_LOG_ORIGIN: optionalText.pipe(z.string().max(256).regex(/^[^\s+]+$/, "expected a name without spaces or '+', e.g. example.com/log").optional()),
  COUNTERSIGN_LOG_KEY: optionalText.pipe(z.string().startsWith("PRIVATE+KEY+", "expected a signer key PRIVATE+KEY+<name>+<id>+<key>").optional()),
  COUNTERSIGN_LOG_KEY_FILE: optionalText,
  COUNTERSIGN_ALERT_EVALUATE_INTERVAL: z.coerce.number().int().min(10).max(3600).default(60),
  COUNTERSIGN_ALERT_REPEAT_INTERVAL: z.coerce.number().int().min(60).max(7 * 24 * 3600).default(4 * 3600),
  COUNTERSIGN_WEBHOOK_KEY: optionalText.pipe(z.string().regex(/^[A-Za-z0-9_-]{43}$/, "expected 32 random bytes, base64url (openssl rand 32 | basenc --base64url | tr -d =)").optional()),
  COUNTERSIGN_WEBHOOK_KEY_FILE: optionalText,
});

export type Env = z.infer<typeof EnvSchema>;

export type Config = {
  env: Env["NODE_ENV"];
  port: number;
  publicUrl: string;
  database: { kind: "postgres"; url: string; poolSize: number } | { kind: "pglite"; dataDir: string };
  dataDir: string;
  authSecret: string | undefined;
  sessionMaxAgeSeconds: number;
  firstAdmin: { email: string; password: string } | undefined;
  login: { maxFailures: number; lockoutSeconds: number };
  oidc:
    | { issuer: string; clientId: string; clientSecret: string; name: string; groupsClaim: string; roleMap: Record<string, Array<z.infer<typeof Role>>> }
    | undefined;
  logLevel: Env["COUNTERSIGN_LOG_LEVEL"];
  metricsToken: string | undefined;
  ingest: { maxBodyBytes: number; maxDecompressedBytes: number; maxConcurrency: number };
  grants: {
    /** The private key ring: a JWKS in the environment, a file, or generated once into the data dir. */
    keys: { kind: "env"; json: string } | { kind: "file"; path: string } | { kind: "generated"; path: string };
    audience: string;
    maxDurationSeconds: number;
    requiredApprovals: number;
    pendingTtlSeconds: number;
    allowWildcards: boolean;
  };
  /** Transparency log: its origin (set, else fixed by the generated key, else derived from the public URL) and signer key. */
  log: {
    origin: string | undefined;
    defaultOrigin: string;
    key: { kind: "env"; signerKey: string } | { kind: "file"; path: string } | { kind: "generated"; path: string };
  };
  /** Alert evaluation cadence, repeat notifications, and the key that encrypts webhook secrets. */
  alerts: {
    evaluateIntervalSeconds: number;
    repeatIntervalSeconds: number;
    webhookKey: { kind: "env"; value: string } | { kind: "file"; path: string } | { kind: "generated"; path: string };
  };
  version: string;
};

/** A configuration problem, named by variable, that stops the start. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `  ${issue.path.join(".") || "(environment)"}: ${issue.message}`)
    .join("\n");
}

/** Parses and cross-checks the environment; throws ConfigError naming each bad variable. */
export function parseConfig(source: Record<string, string | undefined>, version = packageJson.version): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) throw new ConfigError(`Invalid configuration:\n${describeIssues(parsed.error)}`);
  const env = parsed.data;
  const problems: string[] = [];
  if (Boolean(env.COUNTERSIGN_ADMIN_EMAIL) !== Boolean(env.COUNTERSIGN_ADMIN_PASSWORD)) {
    problems.push("  COUNTERSIGN_ADMIN_EMAIL and COUNTERSIGN_ADMIN_PASSWORD: set both or neither");
  }
  if (env.COUNTERSIGN_ADMIN_PASSWORD && env.COUNTERSIGN_ADMIN_PASSWORD.length < 12) {
    problems.push("  COUNTERSIGN_ADMIN_PASSWORD: expected at least 12 characters");
  }
  const oidcParts = [env.COUNTERSIGN_OIDC_ISSUER, env.COUNTERSIGN_OIDC_CLIENT_ID, env.COUNTERSIGN_OIDC_CLIENT_SECRET];
  if (oidcParts.some(Boolean) && !oidcParts.every(Boolean)) {
    problems.push("  COUNTERSIGN_OIDC_ISSUER, COUNTERSIGN_OIDC_CLIENT_ID, COUNTERSIGN_OIDC_CLIENT_SECRET: set all three to enable OIDC");
  }
  if (env.COUNTERSIGN_GRANT_KEYS && env.COUNTERSIGN_GRANT_KEYS_FILE) {
    problems.push("  COUNTERSIGN_GRANT_KEYS and COUNTERSIGN_GRANT_KEYS_FILE: set one or neither");
  }
  if (env.COUNTERSIGN_LOG_KEY && env.COUNTERSIGN_LOG_KEY_FILE) problems.push("  COUNTERSIGN_LOG_KEY and COUNTERSIGN_LOG_KEY_FILE: set one or neither");
  if (env.COUNTERSIGN_WEBHOOK_KEY && env.COUNTERSIGN_WEBHOOK_KEY_FILE) problems.push("  COUNTERSIGN_WEBHOOK_KEY and COUNTERSIGN_WEBHOOK_KEY_FILE: set one or neither");
  if (problems.length) throw new ConfigError(`Invalid configuration:\n${problems.join("\n")}`);

  const dataDir = path.resolve(env.COUNTERSIGN_DATA_DIR);
  const publicUrl = (env.COUNTERSIGN_PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    publicUrl,
    database: env.DATABASE_URL
      ? { kind: "postgres", url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE }
      : { kind: "pglite", dataDir: path.join(dataDir, "pglite") },
    dataDir,
    authSecret: env.COUNTERSIGN_AUTH_SECRET,
    sessionMaxAgeSeconds: env.COUNTERSIGN_SESSION_MAX_AGE,
    firstAdmin:
      env.COUNTERSIGN_ADMIN_EMAIL && env.COUNTERSIGN_ADMIN_PASSWORD
        ? { email: env.COUNTERSIGN_ADMIN_EMAIL, password: env.COUNTERSIGN_ADMIN_PASSWORD }
        : undefined,
    login: { maxFailures: env.COUNTERSIGN_LOGIN_MAX_FAILURES, lockoutSeconds: env.COUNTERSIGN_LOGIN_LOCKOUT },
    oidc:
      env.COUNTERSIGN_OIDC_ISSUER && env.COUNTERSIGN_OIDC_CLIENT_ID && env.COUNTERSIGN_OIDC_CLIENT_SECRET
        ? {
            issuer: env.COUNTERSIGN_OIDC_ISSUER,
            clientId: env.COUNTERSIGN_OIDC_CLIENT_ID,
            clientSecret: env.COUNTERSIGN_OIDC_CLIENT_SECRET,
            name: env.COUNTERSIGN_OIDC_NAME,
            groupsClaim: env.COUNTERSIGN_OIDC_GROUPS_CLAIM,
            roleMap: env.COUNTERSIGN_OIDC_ROLE_MAP,
          }
        : undefined,
    logLevel: env.COUNTERSIGN_LOG_LEVEL,
    metricsToken: env.COUNTERSIGN_METRICS_TOKEN,
    ingest: {
      maxBodyBytes: env.COUNTERSIGN_OTLP_MAX_BODY_BYTES,
      maxDecompressedBytes: env.COUNTERSIGN_OTLP_MAX_DECOMPRESSED_BYTES,
      maxConcurrency: env.COUNTERSIGN_INGEST_MAX_CONCURRENCY,
    },
    grants: {
      keys: env.COUNTERSIGN_GRANT_KEYS
        ? { kind: "env", json: env.COUNTERSIGN_GRANT_KEYS }
        : env.COUNTERSIGN_GRANT_KEYS_FILE
          ? { kind: "file", path: path.resolve(env.COUNTERSIGN_GRANT_KEYS_FILE) }
          : { kind: "generated", path: path.join(dataDir, "grant-keys.json") },
      audience: env.COUNTERSIGN_GRANT_AUDIENCE,
      maxDurationSeconds: env.COUNTERSIGN_GRANT_MAX_DURATION,
      requiredApprovals: env.COUNTERSIGN_GRANT_REQUIRED_APPROVALS,
      pendingTtlSeconds: env.COUNTERSIGN_GRANT_PENDING_TTL,
      allowWildcards: env.COUNTERSIGN_GRANT_ALLOW_WILDCARDS,
    },
    log: {
      origin: env.COUNTERSIGN_LOG_ORIGIN,
      defaultOrigin: `${new URL(publicUrl).host}/countersign`,
      key: env.COUNTERSIGN_LOG_KEY
        ? { kind: "env", signerKey: env.COUNTERSIGN_LOG_KEY }
        : env.COUNTERSIGN_LOG_KEY_FILE
          ? { kind: "file", path: path.resolve(env.COUNTERSIGN_LOG_KEY_FILE) }
          : { kind: "generated", path: path.join(dataDir, "log-key") },
    },
    alerts: {
      evaluateIntervalSeconds: env.COUNTERSIGN_ALERT_EVALUATE_INTERVAL,
      repeatIntervalSeconds: env.COUNTERSIGN_ALERT_REPEAT_INTERVAL,
      webhookKey: env.COUNTERSIGN_WEBHOOK_KEY
        ? { kind: "env", value: env.COUNTERSIGN_WEBHOOK_KEY }
        : env.COUNTERSIGN_WEBHOOK_KEY_FILE
          ? { kind: "file", path: path.resolve(env.COUNTERSIGN_WEBHOOK_KEY_FILE) }
          : { kind: "generated", path: path.join(dataDir, "webhook-key") },
    },
    version,
  };
}

const globalForConfig = globalThis as unknown as { __countersignConfig?: Config };

/** The process's configuration, parsed once from the environment. */
export function getConfig(): Config {
  if (!globalForConfig.__countersignConfig) {
    const config = parseConfig(process.env);
    // next-auth v4 builds its callback URLs from NEXTAUTH_URL; derive it so it is never a second setting.
    process.env.NEXTAUTH_URL ??= config.publicUrl;
    globalForConfig.__countersignConfig = config;
  }
  return globalForConfig.__countersignConfig;
}

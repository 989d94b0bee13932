import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// Import direction (STYLE.md §1): app/components → lib/server → lib/core. lib/core imports
// nothing of ours outside itself and no I/O; lib/server never imports app/ or components/.
const noServerFrameworkInCore = [
  { name: "next", message: "lib/core is framework-free." },
  { name: "react", message: "lib/core is framework-free." },
  { name: "drizzle-orm", message: "lib/core has no database." },
  { name: "postgres", message: "lib/core has no database." },
  { name: "server-only", message: "lib/core is isomorphic." },
];

const config = [
  { ignores: [".next/**", "node_modules/**", "drizzle/**", "test-results/**", "playwright-report/**", ".data/**", "next-env.d.ts"] },
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["lib/core/**/*.ts"],
    // Tests, fixtures and their generators run in Node only.
    ignores: ["lib/core/**/*.test.ts", "lib/core/**/testing/**", "lib/core/**/fixtures/**", "lib/core/**/*.test-support.ts", "lib/core/**/generate.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: noServerFrameworkInCore,
          patterns: [
            { group: ["@/*", "**/lib/server/**", "**/lib/cli/**", "**/app/**", "**/components/**"], message: "lib/core imports only lib/core (relative paths)." },
            { group: ["node:*", "fs", "path", "crypto", "child_process", "net", "http", "https"], message: "lib/core does no I/O; use WebCrypto or @noble/hashes." },
            { group: ["next/*", "drizzle-orm/*", "@/lib/server/*"], message: "lib/core is framework- and database-free." },
          ],
        },
      ],
      "no-restricted-globals": ["error", { name: "process", message: "lib/core reads no environment: pass values in." }],
    },
  },
  {
    files: ["lib/server/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/app/*", "@/components/*", "**/app/**", "**/components/**"], message: "lib/server must not depend on app/ or components/." }] },
      ],
    },
  },
  {
    files: ["lib/cli/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/app/*", "@/components/*", "**/app/**", "**/components/**"], message: "The CLI uses lib/core (and lib/server for admin commands) only." }] },
      ],
    },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/app/*"], message: "components/ must not import app/." },
            { group: ["@/lib/server/db", "@/lib/server/db/*"], message: "components/ never touch the database: call a service from a page or an API route." },
          ],
        },
      ],
    },
  },
];

export default config;

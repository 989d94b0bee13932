import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native, WASM or worker-thread packages are loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "pino", "prom-client"],
  poweredByHeader: false,
  reactStrictMode: true,
  devIndicators: false,
  // Type checking runs once for the whole tree (tests included) in `npm test`, not again in every build.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;

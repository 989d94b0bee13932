import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { AppError } from "../errors";

/** How an issuer's JWKS URL may be fetched. The defaults are strict; tests relax them for 127.0.0.1. */
export type JwksFetchPolicy = {
  allowHttp?: boolean;
  allowPrivateAddresses?: boolean;
  timeoutMs?: number;
  maxBytes?: number;
};

const DEFAULTS = { allowHttp: false, allowPrivateAddresses: false, timeoutMs: 5_000, maxBytes: 512 * 1024 };

// Loopback, private, link-local, CGNAT, multicast, reserved and documentation ranges: a JWKS
// URL must not make the console reach into its own network (SSRF).
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24],
  ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) PRIVATE.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["64:ff9b::", 96], ["2001:db8::", 32]] as const) {
  PRIVATE.addSubnet(net, bits, "ipv6");
}

/** True for an address the console must not fetch from unless private addresses are allowed. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** A fetch failure with a message safe to show the admin and store as the issuer's refresh error. */
export function fetchFailed(message: string): AppError {
  return new AppError("VALIDATION", `The JWKS URL could not be used: ${message}`, { reason: "JWKS_FETCH_FAILED", fields: { jwksUrl: message } });
}

/** Checks a JWKS URL's form before anything is fetched. */
export function checkJwksUrl(raw: string, policy: JwksFetchPolicy = {}): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw fetchFailed("not a URL");
  }
  const allowHttp = policy.allowHttp ?? DEFAULTS.allowHttp;
  if (url.protocol !== "https:" && !(allowHttp && url.protocol === "http:")) throw fetchFailed("only https:// URLs are fetched");
  if (url.username || url.password) throw fetchFailed("credentials in the URL are not allowed");
  return url;
}

/**
 * Fetches a JWKS document: one GET, no redirects followed, a timeout and a size cap, and the
 * host's addresses checked at connection time (so DNS cannot swap in a private address later).
 */
export async function fetchJwks(raw: string, policy: JwksFetchPolicy = {}): Promise<unknown> {
  const url = checkJwksUrl(raw, policy);
  const options = { ...DEFAULTS, ...policy };
  const text = await getText(url, options);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw fetchFailed("the answer is not JSON");
  }
}

function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      const usable = allowPrivate ? addresses : addresses.filter((a) => !isPrivateAddress(a.address));
      if (usable.length === 0) return callback(Object.assign(new Error("private address"), { code: "EPRIVATE" }), "", 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
      return callback(null, usable[0]!.address, usable[0]!.family);
    });
  };
}

function getText(url: URL, options: Required<JwksFetchPolicy>): Promise<string> {
  if (isIP(url.hostname.replace(/^\[|\]$/g, "")) && !options.allowPrivateAddresses && isPrivateAddress(url.hostname.replace(/^\[|\]$/g, ""))) {
    return Promise.reject(fetchFailed("the host is a private or reserved address"));
  }
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(
      url,
      { lookup: guardedLookup(options.allowPrivateAddresses), timeout: options.timeoutMs, headers: { accept: "application/jwk-set+json, application/json" } },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400) return fail(`it answered a redirect (${status}); give the final URL`);
        if (status !== 200) return fail(`it answered HTTP ${status}`);
        const chunks: Buffer[] = [];
        let total = 0;
        response.on("data", (chunk: Buffer) => {
          total += chunk.length;
          if (total > options.maxBytes) return fail(`the document is larger than ${options.maxBytes} bytes`);
          chunks.push(chunk);
        });
        response.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        response.on("error", () => fail("the connection failed"));
      },
    );
    const deadline = setTimeout(() => fail(`no complete answer within ${options.timeoutMs} ms`), options.timeoutMs);
    request.on("timeout", () => fail(`no answer within ${options.timeoutMs} ms`));
    request.on("error", (error: NodeJS.ErrnoException) =>
      fail(error.code === "EPRIVATE" ? "the host resolves to a private or reserved address" : `the connection failed (${error.code ?? "error"})`),
    );
    request.on("close", () => clearTimeout(deadline));
    function fail(message: string) {
      clearTimeout(deadline);
      request.destroy();
      reject(fetchFailed(message));
    }
  });
}

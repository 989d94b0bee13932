import "server-only";
import pino from "pino";
import { getConfig } from "../config";

// Anything that can hold a secret is redacted wherever it appears in a log object.
const REDACT = [
  "password",
  "*.password",
  "token",
  "*.token",
  "secret",
  "*.secret",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "headers.cookie",
  "*.headers.authorization",
  "*.headers.cookie",
  "cookie",
  "*.cookie",
];

function createLogger() {
  let level = "info";
  try {
    level = getConfig().logLevel;
  } catch {
    // Config errors are reported by the start sequence itself; logging must still work.
  }
  return pino({ level, base: { service: "countersign" }, redact: { paths: REDACT, censor: "[redacted]" } });
}

const state = globalThis as unknown as { __countersignLogger?: pino.Logger };

/** The process's structured JSON logger. */
export const logger: pino.Logger = (state.__countersignLogger ??= createLogger());

import pino from "pino";
import { getConfig } from "./config";

// Feed URLs carry private tokens: any field that may hold one is redacted at the logger as a last line of defence.
export const logger = pino({
  level: getConfig().logLevel,
  redact: { paths: ["url", "*.url", "feedUrl", "*.feedUrl", "password", "*.password"], censor: "[masqué]" },
  base: { pid: process.pid },
});

export type Logger = typeof logger;

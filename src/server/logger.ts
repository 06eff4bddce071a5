import pino from "pino";
import { getConfig } from "./config";

let instance: pino.Logger | undefined;

function getLogger(): pino.Logger {
  // Feed URLs carry private tokens: any field that may hold one is redacted here as a last line of defence.
  instance ??= pino({
    level: getConfig().logLevel,
    redact: { paths: ["url", "*.url", "feedUrl", "*.feedUrl", "password", "*.password"], censor: "[masqué]" },
    base: { pid: process.pid },
  });
  return instance;
}

/** Created on first use, so importing a module never reads the configuration (next build imports them all). */
export const logger: pino.Logger = new Proxy({} as pino.Logger, {
  get(_target, property) {
    const target = getLogger();
    const value = Reflect.get(target, property, target);
    return typeof value === "function" ? value.bind(target) : value;
  },
});

export type Logger = pino.Logger;

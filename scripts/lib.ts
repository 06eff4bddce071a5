import { createInterface } from "node:readline";
import { ConfigError } from "../src/server/config";
import { closeDb, getDb } from "../src/server/db/client";
import { systemContext, type ServiceContext } from "../src/server/service-context";
import { AppError } from "../src/server/errors";

/** Runs a command-line entry point: clear one-line errors for expected failures, exit codes for scripts. */
export function runMain(main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (error: unknown) => {
      if (error instanceof ConfigError) console.error(error.message);
      else if (error instanceof Error && error.name !== "Error") console.error(`${error.name}: ${error.message}`);
      else console.error(error);
      process.exit(1);
    },
  );
}

/** The first line of standard input (a secret piped in, never on the command line), asking for it at a terminal. */
export async function readStdinLine(prompt: string): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write(prompt);
  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    lines.close();
    return line.replace(/\r$/, "");
  }
  return "";
}

export function hasFlag(args: string[], flag: string): boolean {
  return args.includes(flag);
}

export function flagValue(args: string[], flag: string): string | undefined {
  const index = args.indexOf(flag);
  if (index >= 0) return args[index + 1];
  const inline = args.find((arg) => arg.startsWith(`${flag}=`));
  return inline?.slice(flag.length + 1);
}

/**
 * A command's work against the configured database: an expected failure (AppError) is printed as one line and
 * exits 1; the database is closed either way.
 */
export async function runWithDatabase(work: (ctx: ServiceContext) => Promise<void>): Promise<number> {
  try {
    // An operator at the command line: the system acts, audited with no user (the audit rows say « cli »).
    await work(systemContext(await getDb(), "cli"));
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    console.error(`Error: ${error.message}`);
    return 1;
  } finally {
    await closeDb();
  }
}

import { ConfigError } from "../src/server/config";

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

export function hasFlag(args: string[], flag: string): boolean {
  return args.includes(flag);
}

export function flagValue(args: string[], flag: string): string | undefined {
  const index = args.indexOf(flag);
  if (index >= 0) return args[index + 1];
  const inline = args.find((arg) => arg.startsWith(`${flag}=`));
  return inline?.slice(flag.length + 1);
}

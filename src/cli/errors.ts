import { UnusableInput } from "../focus/report/errors";

/** The input cannot be used at all (exit code 2); `message` says why and where. Shared with the engine's text readers. */
export { UnusableInput };

/** Where a command writes; tests capture it. Each call is one line (a trailing newline is added when missing). */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

/**
 * Run a subcommand, turning UnusableInput into "focus: <message>" on stderr and exit code 2.
 * Anything else is a defect and is rethrown (the entry point reports it).
 */
export async function exitTwoOnUnusable(io: Io, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof UnusableInput) {
      io.err(`focus: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

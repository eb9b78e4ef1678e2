/** The `focus` command run in-process, its exit code and what it printed: for the CLI tests. */
import { run } from "../src/cli/main";

/** Run `focus ARGS…`; resolves with the exit code and stdout / stderr (a line each call, "\n"-ended). */
export async function focus(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await run(["node", "focus", ...args], { out: (s) => (out += s + "\n"), err: (s) => (err += s + "\n") });
  return { code, out, err };
}

/**
 * Lint as a test: the tree is clean, and the rules we rely on are live (a sync in a loop in the
 * Excel adapter, a host API in the pure engine are caught).
 */
import { spawnSync } from "child_process";
import * as path from "path";

const ROOT = path.join(__dirname, "..");
const ESLINT = path.join(ROOT, "node_modules", "eslint", "bin", "eslint.js");

function lint(args: string[], stdin?: string): { status: number | null; messages: { ruleId: string }[] } {
  const r = spawnSync(process.execPath, [ESLINT, "--format", "json", ...args], { cwd: ROOT, input: stdin, encoding: "utf8" });
  const out = JSON.parse(r.stdout || "[]") as { messages: { ruleId: string }[] }[];
  return { status: r.status, messages: out.flatMap((f) => f.messages) };
}

test("the whole tree lints clean", () => {
  const r = lint(["."]);
  expect(r.messages).toEqual([]);
  expect(r.status).toBe(0);
}, 60_000);

test("a context.sync() inside a loop in the Excel adapter is caught", () => {
  const code = `export async function f(context: Excel.RequestContext, names: string[]) {
  for (const n of names) {
    const r = context.workbook.names.getItem(n).getRange();
    r.load("values");
    await context.sync();
    console.log(r.values);
  }
}
`;
  const r = lint(["--stdin", "--stdin-filename", "src/excel/bad.ts"], code);
  expect(r.messages.map((m) => m.ruleId)).toContain("office-addins/no-context-sync-in-loop");
});

test("a Node or Office API in the pure engine is caught", () => {
  const code = `import * as fs from "fs";
export const x = () => fs.existsSync("x") || Office.context;
`;
  const ids = lint(["--stdin", "--stdin-filename", "src/focus/bad.ts"], code).messages.map((m) => m.ruleId);
  expect(ids).toEqual(expect.arrayContaining(["no-restricted-imports", "no-restricted-globals"]));
});

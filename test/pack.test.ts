/**
 * The `focus` command installs and runs for someone who never builds the add-in: pack the project
 * (npm pack, which builds the command through `prepare`), install the tarball into an empty folder
 * (its runtime dependencies come from package.json's `dependencies`) and run it there.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "./helpers";

const npm = (args: string[], cwd: string) =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8", env: { ...process.env, OFFICE_ADDIN_USAGE_DATA_OPT_OUT: "true" } });

test("npm pack, install the tarball into an empty folder, run focus --version and focus check there", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "focus-pack-"));
  // `prepare` (which builds the command) prints before npm's JSON: read from the JSON's first line.
  const printed = npm(["pack", "--json", "--pack-destination", dir], ROOT);
  const packed = JSON.parse(printed.slice(printed.search(/^\[/m))) as { filename: string; files: { path: string }[] }[];
  const files = packed[0].files.map((f) => f.path);
  // The command and what it reads; not the tests, the add-in's sources or its bundle.
  expect(files).toEqual(expect.arrayContaining(["bin/focus.js", "build/cli/main.js", "build/cli/xlsx-cells.js", "build/focus/index.js", "build/excel/address.js", "examples/mirae-2024-12-31.xlsx", "package.json"]));
  expect(files.filter((f) => /^(test|src|dist|node_modules)\//.test(f))).toEqual([]);

  const app = path.join(dir, "app");
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "finop-desk", private: true }));
  npm(["install", "--prefer-offline", path.join(dir, packed[0].filename)], app);
  const focus = path.join(app, "node_modules", ".bin", "focus");
  const version = execFileSync(focus, ["--version"], { cwd: app, encoding: "utf8" }).trim();
  expect(version).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version);

  const example = path.join(app, "node_modules", "focus-workbench", "examples", "mirae-2024-12-31.xlsx");
  let out = "";
  let code = 0;
  try {
    out = execFileSync(focus, ["check", example], { cwd: app, encoding: "utf8" });
  } catch (e) {
    code = (e as { status: number }).status;
    out = (e as { stdout: string }).stdout;
  }
  // The filed Mirae report: its four known failures make exit code 1; net capital 299,549,779.
  expect(code).toBe(1);
  expect(out).toMatch(/Net capital \(3750\)\s+299,549,779\s+299,549,779/);
  // Nothing of the add-in's build tooling came along.
  expect(fs.existsSync(path.join(app, "node_modules", "webpack"))).toBe(false);
  expect(fs.existsSync(path.join(app, "node_modules", "jest"))).toBe(false);
}, 240_000);

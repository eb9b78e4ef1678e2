/**
 * The repository stands alone: a clone with nothing beside it passes `npm ci && npm run demo` and
 * `npm test`. Nothing under src/, test/ or scripts/ names a path outside the repository: every
 * `path.join` / `path.resolve` from `__dirname` or the repository root with literal segments is
 * resolved and must stay inside, and no file names the project's shared folder. What the tests
 * read (rule texts, real filings, draft catalogues) is kept in reference/, each file listed in
 * reference/README.md with its source and date.
 */
import * as fs from "fs";
import * as path from "path";
import { ROOT } from "./helpers";

/** Every .ts/.js file under a folder, recursively. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|js|mjs|cjs)$/.test(e.name) ? [p] : [];
  });
}

/** Code lines without comments (// and block comment lines). */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .split("\n")
    .map((l) => l.replace(/(^|\s)\/\/.*$/, ""))
    .join("\n");
}

/** The paths outside the repository a file's code names: literal joins from its folder or ROOT, and "shared" folders. */
export function outsidePaths(file: string, text: string): string[] {
  const out: string[] = [];
  const dir = path.dirname(file);
  const body = code(text);
  const join = /path\.(?:join|resolve)\(\s*(__dirname|ROOT)((?:\s*,\s*(?:"[^"]*"|'[^']*'))*)/g;
  for (const m of body.matchAll(join)) {
    const segs = [...m[2].matchAll(/"([^"]*)"|'([^']*)'/g)].map((s) => s[1] ?? s[2]);
    const base = m[1] === "ROOT" ? ROOT : dir;
    const resolved = path.resolve(base, ...segs);
    if (path.relative(ROOT, resolved).startsWith("..")) out.push(`${m[0]}) -> ${resolved}`);
  }
  for (const m of body.matchAll(/["'`][^"'`\n]*\.\.\/shared\b/g)) out.push(m[0]);
  return out;
}

test("no file under src/, test/ or scripts/ reads outside the repository", () => {
  const bad = ["src", "test", "scripts"]
    .flatMap((d) => sources(path.join(ROOT, d)))
    .filter((f) => f !== __filename) // its own examples below
    .flatMap((f) => outsidePaths(f, fs.readFileSync(f, "utf8")).map((p) => `${path.relative(ROOT, f)}: ${p}`));
  expect(bad).toEqual([]);
});

test("the scan catches a path above the repository and the shared folder", () => {
  const f = path.join(ROOT, "test", "x.test.ts");
  // The folder's name is assembled, so that this file does not itself name it.
  const sh = ["sh", "ared"].join("");
  expect(outsidePaths(f, `const A = path.join(__dirname, "..", "..", "${sh}", "reference");`)).toHaveLength(1);
  expect(outsidePaths(f, `const A = path.join(ROOT, "..", "seeds");`)).toHaveLength(1);
  expect(outsidePaths(f, `const A = fs.readFileSync("../${sh}/x.txt");`)).toHaveLength(1);
  expect(outsidePaths(f, `const A = path.join(__dirname, "..", "reference", "cfr");`)).toEqual([]);
  expect(outsidePaths(f, `// path.join(ROOT, "..", "${sh}")`)).toEqual([]);
});

test("every file in reference/ is listed in its README with a source", () => {
  const readme = fs.readFileSync(path.join(ROOT, "reference", "README.md"), "utf8");
  const files = (function walk(d: string): string[] {
    return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.relative(path.join(ROOT, "reference"), path.join(d, e.name))]));
  })(path.join(ROOT, "reference")).filter((f) => f !== "README.md");
  expect(files.length).toBeGreaterThan(20);
  const unlisted = files.filter((f) => !readme.includes(`\`${f}\``));
  expect(unlisted).toEqual([]);
  // The rule texts carry their source and date in their first line.
  for (const f of files.filter((x) => x.startsWith("cfr/"))) {
    expect(fs.readFileSync(path.join(ROOT, "reference", f), "utf8")).toMatch(/^SOURCE: https:\/\/www\.ecfr\.gov\/.*2026-10-01/);
  }
});

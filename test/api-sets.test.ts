/**
 * Every Office.js member the add-in calls is within the requirement sets manifest.xml declares, or
 * is guarded at run time. The sets are read from @types/office-js and @types/custom-functions-runtime,
 * which mark each member "[Api set: ExcelApi 1.18]": the TypeScript checker resolves every
 * property access in src/excel, src/taskpane and src/functions to its declaration and reads that
 * mark. A member above the declared level passes only when it is listed in GUARDED below and the
 * function that calls it tests the guard.
 */
import * as fs from "fs";
import * as path from "path";
import ts from "typescript";
import { ROOT } from "./helpers";

/** The declared sets: <Set Name="ExcelApi" MinVersion="1.9"/> in the manifest. */
function declaredSets(): Map<string, string> {
  const xml = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
  return new Map([...xml.matchAll(/<Set Name="([^"]+)" MinVersion="([^"]+)"\/>/g)].map((m) => [m[1], m[2]]));
}

const newer = (a: string, b: string) => {
  const [x, y] = [a.split(".").map(Number), b.split(".").map(Number)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return false;
};

/**
 * Members above the declared level, and the guard the calling function must test: a Host flag
 * the pane computes with isSetSupported (taskpane.ts), of exactly the member's set.
 */
const GUARDED: Record<string, { set: string; version: string; flag: string }> = {
  "RangeAreas.select": { set: "ExcelApi", version: "1.18", flag: "multiAreaSelect" },
  "Range.getMergedAreasOrNullObject": { set: "ExcelApi", version: "1.13", flag: "mergedAreas" },
  // The review pack's dialog page (review-dialog.ts): the pane opens it only when openDialog is
  // set, and the page itself tests the set before it listens.
  "UI.addHandlerAsync": { set: "DialogApi", version: "1.2", flag: "openDialog" },
};

/** A use is guarded by its Host flag, or by a test of exactly its set in the same function. */
const guarded = (u: Use): boolean => {
  const g = GUARDED[u.member];
  if (!g || g.set !== u.set || g.version !== u.version) return false;
  return u.enclosing.includes(g.flag) || u.enclosing.includes(`isSetSupported("${g.set}", "${g.version}")`);
};

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(path.join(dir, d.name)) : d.name.endsWith(".ts") ? [path.join(dir, d.name)] : []));
}

interface Use {
  member: string;
  set: string;
  version: string;
  file: string;
  line: number;
  enclosing: string;
}

/** Every use of an Office.js member that carries an [Api set: …] mark, in the add-in's sources. */
function apiUses(): Use[] {
  const roots = ["src/excel", "src/taskpane", "src/functions"].flatMap((d) => files(path.join(ROOT, d)));
  const config = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const program = ts.createProgram(roots, { ...parsed.options, noEmit: true });
  const checker = program.getTypeChecker();
  const uses: Use[] = [];
  for (const sf of program.getSourceFiles()) {
    if (!roots.includes(path.resolve(sf.fileName))) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        const symbol = checker.getSymbolAtLocation(node.name);
        for (const decl of symbol?.declarations ?? []) {
          const from = decl.getSourceFile().fileName;
          if (!/@types[\\/](office-js|custom-functions-runtime)[\\/]/.test(from)) continue;
          const doc = decl.getFullText().slice(0, decl.getLeadingTriviaWidth());
          // "[Api set: ExcelApi 1.18]" in the Excel API; "Requirement set**: {@link … | SharedRuntime 1.1}" in the Common API.
          const m = /\[Api set: (\w+) ([\d.]+)/.exec(doc) ?? /Requirement set\*\*: \{@link [^|}]*\| (\w+) ([\d.]+)\}/.exec(doc);
          if (!m) continue;
          const owner = decl.parent && (ts.isClassDeclaration(decl.parent) || ts.isInterfaceDeclaration(decl.parent) || ts.isEnumDeclaration(decl.parent)) && decl.parent.name ? decl.parent.name.text : "?";
          let fn: ts.Node = node;
          while (fn.parent && !(ts.isFunctionLike(fn) && (fn as ts.FunctionLikeDeclaration).body && !ts.isArrowFunction(fn))) fn = fn.parent;
          uses.push({
            member: `${owner}.${node.name.text}`,
            set: m[1],
            version: m[2],
            file: path.relative(ROOT, sf.fileName),
            line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1,
            enclosing: fn.getText(),
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return uses;
}

describe("requirement sets", () => {
  const sets = declaredSets();
  const uses = apiUses();
  if (process.env.DUMP_API) console.log([...new Set(uses.map((u) => `${u.member} ${u.set} ${u.version}`))].join("\n"));

  test("the manifest declares the sets the add-in relies on: ExcelApi 1.9, SharedRuntime 1.1, CustomFunctionsRuntime 1.3", () => {
    expect(Object.fromEntries(sets)).toEqual({ SharedRuntime: "1.1", ExcelApi: "1.9", CustomFunctionsRuntime: "1.3" });
  });

  test("the checker sees the add-in's Office.js calls (the scan is not empty)", () => {
    const members = new Set(uses.map((u) => u.member));
    for (const m of ["Workbook.getSelectedRange", "Range.select", "ConditionalFormatCollection.add", "RangeAreas.select", "Range.getMergedAreasOrNullObject", "ErrorCode.divisionByZero", "Addin.onVisibilityModeChanged"]) {
      expect(`${m}: ${members.has(m) || [...members].some((x) => x.endsWith("." + m.split(".")[1]))}`).toBe(`${m}: true`);
    }
  });

  test("every member is within the declared sets, or guarded by a run-time check of exactly its set", () => {
    const above = uses.filter((u) => sets.has(u.set) && newer(u.version, sets.get(u.set) as string));
    const unguarded = above.filter((u) => !guarded(u)).map((u) => `${u.file}:${u.line} ${u.member} needs ${u.set} ${u.version}`);
    expect(unguarded).toEqual([]);
    // A member whose set the manifest does not declare at all is a defect too, unless guarded.
    expect([...new Set(uses.filter((u) => !sets.has(u.set) && !guarded(u)).map((u) => `${u.member} (${u.set} ${u.version})`))]).toEqual([]);
  });

  test("each guard flag is computed with isSetSupported of its own set and version", () => {
    const pane = fs.readFileSync(path.join(ROOT, "src", "taskpane", "taskpane.ts"), "utf8");
    for (const g of Object.values(GUARDED)) {
      expect(pane).toMatch(new RegExp(`${g.flag}:\\s*Office\\.context\\.requirements\\.isSetSupported\\("${g.set}",\\s*"${g.version.replace(".", "\\.")}"\\)`));
    }
  });
});

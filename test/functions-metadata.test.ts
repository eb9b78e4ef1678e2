/**
 * Function ids, the namespace and parameter types are stored in users' workbooks: a released
 * function is never renamed, retyped or dropped, only added to. This test holds the metadata that
 * the build generates from src/functions/functions.ts to test/golden/functions.json.
 *
 * Adding a function: add it, regenerate the golden (the test prints how), review the diff.
 * Changing a released function's id, name, parameters or result is a breaking change: add a new
 * function instead (e.g. HAIRCUT2).
 */
import * as fs from "fs";
import * as path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";

const ROOT = path.join(__dirname, "..");
const GOLDEN = path.join(ROOT, "test", "golden", "functions.json");

interface Param {
  name: string;
  type: string;
  dimensionality?: string;
  optional?: boolean;
}
interface Fn {
  id: string;
  name: string;
  description: string;
  parameters: Param[];
  result: { type?: string; dimensionality?: string };
}

let generated: { functions: Fn[] };
let errors: string[];

beforeAll(async () => {
  const r = await generateCustomFunctionsMetadata(path.join(ROOT, "src", "functions", "functions.ts"));
  errors = r.errors;
  generated = JSON.parse(r.metadataJson);
}, 60_000);

const golden: { functions: Fn[] } = JSON.parse(fs.readFileSync(GOLDEN, "utf8"));

test("the metadata generator accepts every function (no unsupported types, no skipped declarations)", () => {
  expect(errors).toEqual([]);
  expect(generated.functions.map((f) => f.id)).toEqual([
    "HAIRCUT", "HAIRCUTCATEGORIES", "HAIRCUTEQUITY", "MINNETCAPITAL", "FIXEDMINIMUM", "EXCESSNETCAPITAL",
    "EARLYWARNING", "AIRATIO", "NETCAPITALTODEBITS", "DEBTEQUITYRATIO", "RESERVE", "ITEMLABEL", "CROSSFOOT",
    "RESERVEFORMULA", "RESERVELINES", "HAIRCUTSCHEDULE", "HAIRCUTLINE",
  ]);
});

test.each(golden.functions.map((f) => [f.id, f] as const))("released function %s keeps its id, name, parameters and result", (id, released) => {
  const now = generated.functions.find((f) => f.id === id);
  expect(now).toBeDefined();
  // Optional arguments may be added at the end (a stored formula passes fewer); nothing else changes.
  const shape = (f: Fn, n = f.parameters.length) => ({
    name: f.name,
    parameters: f.parameters.slice(0, n).map((p) => ({ name: p.name, type: p.type, dimensionality: p.dimensionality ?? "scalar", optional: p.optional ?? false })),
    result: f.result,
  });
  expect(shape(now!, released.parameters.length)).toEqual(shape(released));
  expect(now!.parameters.slice(released.parameters.length).filter((p) => !p.optional)).toEqual([]);
});

test("RESERVE's arguments: the three of 0.1.0, then item 10 and the frequency (added in 0.2.0, optional)", () => {
  const r = generated.functions.find((f) => f.id === "RESERVE")!;
  expect(r.parameters.map((p) => [p.name, p.optional ?? false])).toEqual([
    ["totalCredits", false],
    ["totalDebits", false],
    ["standard", true],
    ["item10Debits", true],
    ["frequency", true],
  ]);
});

test("the generated metadata equals the golden copy (descriptions included)", () => {
  const hint = "If the change is intended (a new function, a better description), regenerate test/golden/functions.json with: npm run golden";
  expect({ ...generated, hint }).toEqual({ ...golden, hint });
});

test("every function and parameter has a description for Insert Function", () => {
  for (const f of generated.functions) {
    expect(f.description.length).toBeGreaterThan(40);
    for (const p of f.parameters) expect((p as Param & { description?: string }).description?.length ?? 0).toBeGreaterThan(10);
  }
});

test("the manifest's namespace is FOCUS", () => {
  const xml = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
  expect(xml).toMatch(/<bt:String id="Functions.Namespace" DefaultValue="FOCUS"\/>/);
});

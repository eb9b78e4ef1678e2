/**
 * The public rule catalogue: `focus rules` in text, JSON and Markdown, docs/rules.md kept in step
 * with it, `focus --version`, and a closed pipe ending the command quietly.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { VERSION } from "../src/cli/main";
import { focus } from "./run-focus";
import { rulesFor } from "../src/focus";
import { ROOT } from "./helpers";

test("focus --version prints package.json's version", async () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  expect(VERSION).toBe(pkg.version);
  const r = await focus("--version");
  expect(r.code).toBe(0);
  expect(r.out.trim()).toBe(pkg.version);
});

describe("focus rules --format json", () => {
  let doc: { version: string; forms: Record<string, { id: string; formula: string; citation: string; since: string; severity: string; tolerance: string; items: { code: string; label: string }[] }[]> };
  beforeAll(async () => {
    const r = await focus("rules", "--format", "json");
    expect(r.code).toBe(0);
    doc = JSON.parse(r.out);
  });

  test("lists every rule of both forms, each with its citation, formula, labels and version", () => {
    expect(doc.version).toBe(VERSION);
    for (const form of ["part-ii", "part-iia"] as const) {
      expect(doc.forms[form].map((r) => r.id)).toEqual(rulesFor(form).map((r) => r.id));
      for (const r of doc.forms[form]) {
        expect(r.citation.length).toBeGreaterThan(5);
        expect(r.since).toMatch(/^\d+\.\d+\.\d+$/);
        expect(r.items.every((i) => i.label.length > 0)).toBe(true);
      }
    }
  });

  test("a rule as printed: P2-MIN-3870", () => {
    const r = doc.forms["part-ii"].find((x) => x.id === "P2-MIN-3870")!;
    expect(r.formula).toBe("3870 = 2% × 4470");
    expect(r.tolerance).toBe("1");
    expect(r.citation).toMatch(/15c3-1\(a\)\(1\)\(ii\)/);
    expect(r.items.map((i) => i.code)).toEqual(["3870", "4470"]);
    expect(r.items[1].label).toMatch(/^Aggregate debit items/);
  });

  test("--form narrows to one form", async () => {
    const r = JSON.parse((await focus("rules", "--form", "part-iia", "--format", "json")).out);
    expect(Object.keys(r.forms)).toEqual(["part-iia"]);
  });
});

test("focus rules as text names each rule's formula and citation", async () => {
  const r = await focus("rules", "--form", "part-ii");
  expect(r.code).toBe(0);
  expect(r.out).toContain("P2-EW-5PCT  warning  limit  since 0.1.0");
  expect(r.out).toContain("citation: 17a-11(b)(2) (notice within 24 hours)");
});

test("docs/rules.md is what `focus rules --format markdown` prints (run `npm run docs` after changing a rule)", async () => {
  const r = await focus("rules", "--format", "markdown");
  expect(fs.readFileSync(path.join(ROOT, "docs", "rules.md"), "utf8").trimEnd()).toBe(r.out.trimEnd());
});

test("a closed pipe ends the command quietly (focus items | head -1)", () => {
  const bin = path.join(ROOT, "bin", "focus.js");
  const r = spawnSync("bash", ["-c", `node "${bin}" items | head -1; exit \${PIPESTATUS[0]}`], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  expect(r.stdout.split("\n").filter(Boolean)).toHaveLength(1);
  expect(execFileSync("node", [bin, "--version"], { encoding: "utf8" }).trim()).toBe(VERSION);
});

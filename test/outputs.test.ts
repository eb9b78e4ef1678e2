/**
 * An output never destroys an input (issue: `focus build ... -o TB.csv` overwrote the trial
 * balance, exit 0), never replaces a file without --force, and is written atomically: a failed
 * write leaves the old file as it was and no temporary file behind. Every refusal is exit 2 with
 * one line naming the file, nothing written.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { focus } from "./run-focus";
import { ROOT } from "./helpers";

const TB = path.join(ROOT, "examples", "mizuho-2007-03-31-trial-balance.csv");
const MAP = path.join(ROOT, "examples", "mizuho-2007-03-31-map.csv");

let dir: string;
let tb: string;
let map: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "focus-out-"));
  tb = path.join(dir, "TB.csv");
  map = path.join(dir, "MAP.csv");
  fs.copyFileSync(TB, tb);
  fs.copyFileSync(MAP, map);
});
afterEach(() => {
  jest.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

const listing = () => fs.readdirSync(dir).sort();
// The node module itself (the namespace import's bindings are read-only; its functions are live bindings to these).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeFs = require("fs") as typeof fs;

describe("an output is never one of the inputs", () => {
  test.each([
    ["the trial balance by the same path", () => tb],
    ["the map", () => map],
    ["the trial balance as ./TB.csv from its folder", () => "./TB.csv"],
    ["a symlink to the trial balance", () => {
      const link = path.join(dir, "link.csv");
      fs.symlinkSync(tb, link);
      return link;
    }],
  ])("%s: exit 2, nothing written, the input intact (even with --force)", async (_, out) => {
    const before = fs.readFileSync(tb, "utf8");
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const target = out();
      for (const force of [[], ["--force"]]) {
        const r = await focus("build", "--trial-balance", tb, "--map", map, "--units", "thousands", "-o", target, ...force);
        expect(r.code).toBe(2);
        expect(r.err).toMatch(/is one of the inputs .*; the command never writes over its input/);
        expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
        expect(r.out).toBe("");
      }
    } finally {
      process.chdir(cwd);
    }
    expect(fs.readFileSync(tb, "utf8")).toBe(before);
    expect(fs.readFileSync(map, "utf8")).toBe(fs.readFileSync(MAP, "utf8"));
  });
});

describe("an existing file is replaced only with --force", () => {
  test("build: exit 2 without --force, the file as it was; with --force the new report", async () => {
    const out = path.join(dir, "report.csv");
    fs.writeFileSync(out, "my own notes\n");
    const r = await focus("build", "--trial-balance", tb, "--map", map, "-o", out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/report\.csv exists; .*add --force/);
    expect(fs.readFileSync(out, "utf8")).toBe("my own notes\n");
    const f = await focus("build", "--trial-balance", tb, "--map", map, "--units", "thousands", "-o", out, "--force");
    expect(f.code).toBe(0);
    expect(fs.readFileSync(out, "utf8")).toMatch(/^item,value,accounts\nunits,thousands/);
    expect(listing()).toEqual(["MAP.csv", "TB.csv", "report.csv"]);
  });
  test("template onto an existing workbook: exit 2 and the workbook untouched (0.2.0 replaced it with a blank one)", async () => {
    const wb = path.join(dir, "mine.xlsx");
    fs.copyFileSync(path.join(ROOT, "examples", "mirae-2024-12-31.xlsx"), wb);
    const before = fs.readFileSync(wb);
    const r = await focus("template", wb);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/mine\.xlsx exists/);
    expect(fs.readFileSync(wb).equals(before)).toBe(true);
    expect((await focus("template", wb, "--force")).code).toBe(0);
    expect(fs.readFileSync(wb).equals(before)).toBe(false);
  });
});

describe("a failed write leaves what was there", () => {
  test("a full disk at the rename: exit 2 naming the file, the old report intact, no temporary file left", async () => {
    const out = path.join(dir, "report.json");
    fs.writeFileSync(out, '{"3750": "1"}\n');
    const real = fs.renameSync;
    jest.spyOn(nodeFs, "renameSync").mockImplementation((a, b) => {
      if (String(b) === out) throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
      return real(a, b);
    });
    const r = await focus("build", "--trial-balance", tb, "--map", map, "-o", out, "--force");
    expect(r.code).toBe(2);
    expect(r.err).toBe(`focus: ${out} cannot be written: the disk is full; nothing was written and the old file is as it was.\n`);
    expect(fs.readFileSync(out, "utf8")).toBe('{"3750": "1"}\n');
    expect(listing()).toEqual(["MAP.csv", "TB.csv", "report.json"]);
  });
  test("a full disk while writing the data (template): exit 2, no file and no temporary file", async () => {
    const out = path.join(dir, "blank.xlsx");
    jest.spyOn(nodeFs, "writeFileSync").mockImplementation(() => {
      throw Object.assign(new Error("ENOSPC"), { code: "ENOSPC" });
    });
    const r = await focus("template", out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/blank\.xlsx cannot be written: the disk is full; nothing was written\./);
    expect(listing()).toEqual(["MAP.csv", "TB.csv"]);
  });
  test("a missing output folder: exit 2, one line, no stack trace", async () => {
    const out = path.join(dir, "no", "such", "folder", "r.csv");
    const r = await focus("build", "--trial-balance", tb, "--map", map, "-o", out);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`focus: ${out} cannot be written: the folder ${path.dirname(out)} does not exist; create it first.\n`);
    const t = await focus("template", path.join(dir, "nope", "t.xlsx"));
    expect(t.code).toBe(2);
    expect(t.err).toMatch(/does not exist; create it first/);
  });
  test("an output that is a folder: exit 2", async () => {
    fs.mkdirSync(path.join(dir, "out.csv"));
    const r = await focus("build", "--trial-balance", tb, "--map", map, "-o", path.join(dir, "out.csv"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/out\.csv is a folder; name the file to write/);
  });
});

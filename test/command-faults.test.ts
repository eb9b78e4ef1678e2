/**
 * The command never misleads, never crashes on a file error, and stays linear (issue: reconcile
 * said "no material differences" over lines it had not read; a file-system error was exit 3 with a
 * stack trace; a large ledger's JSON died with RangeError). The machine runs tests as root, which
 * no permission stops, so permission and disk errors are played by the node module's own functions
 * (jest.spyOn on require("fs")) with the error codes the kernel gives.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { focus } from "./run-focus";
import { ROOT } from "./helpers";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeFs = require("fs") as typeof fs;
const ex = (n: string) => path.join(ROOT, "examples", n);
const errno = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "focus-faults-"));
});
afterEach(() => {
  jest.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});
const write = (name: string, text: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};

describe("reconcile states a clean result only over lines read from both reports", () => {
  test("net capital n/a in both: exit 2 and what is missing (0.2.0: 'no material differences', exit 0)", async () => {
    const a = write("u.csv", "item,value\n3750,n/a\n");
    const b = write("a.csv", "item,value\n3750,n/a\n");
    const r = await focus("reconcile", a, b);
    expect(r.code).toBe(2);
    expect(r.out).not.toMatch(/no material differences/);
    expect(r.out).toMatch(/cannot be reconciled with the unaudited FOCUS Report Part II: unaudited: 3750 is not an amount \(.*n\/a.*\); audited: 3750 is not an amount/);
  });
  test("neither report has a net capital line: exit 2", async () => {
    const a = write("u.csv", 'item,value\n3480,"1,000"\n');
    const b = write("a.csv", 'item,value\n3480,"1,000"\n');
    const r = await focus("reconcile", a, b, "--format", "json");
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.out);
    expect(doc.missing).toEqual([
      { item: "3750", report: "unaudited", reason: "net capital (3750) is not given" },
      { item: "3750", report: "audited", reason: "net capital (3750) is not given" },
    ]);
  });
  test("a Part IIA pair is reconciled as Part IIA without --form, as check detects a folder's forms", async () => {
    const r = await focus("reconcile", ex("example-introducing-firm-part-iia.csv"), ex("example-introducing-firm-part-iia.csv"));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/There are no material differences between the audited computation of net capital and the corresponding computation in the unaudited FOCUS Report Part IIA/);
  });
  test("the same report twice is still a clean statement (HSBC 2009)", async () => {
    const r = await focus("reconcile", ex("hsbc-2009-12-31-net-capital.csv"), ex("hsbc-2009-12-31-net-capital.csv"));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/no material differences/);
  });
});

test("a single Part IIA file without --form is checked as Part IIA (0.2.0: as Part II, with 48 failures)", async () => {
  const r = await focus("check", ex("example-introducing-firm-part-iia.csv"), "--format", "json");
  const doc = JSON.parse(r.out);
  expect(doc.form).toBe("part-iia");
  expect(r.code).toBe(0);
  expect(doc.summary.fail).toBe(0);
  // --form still decides when given.
  expect(JSON.parse((await focus("check", ex("example-introducing-firm-part-iia.csv"), "--form", "part-ii", "--format", "json")).out).form).toBe("part-ii");
});

describe("every file-system error is exit 2 with one line naming the file", () => {
  const denied = (file: string) => {
    const real = nodeFs.readFileSync;
    jest.spyOn(nodeFs, "readFileSync").mockImplementation(((p: fs.PathOrFileDescriptor, o?: unknown) => {
      if (String(p) === file) throw errno("EACCES");
      return (real as (p: fs.PathOrFileDescriptor, o?: unknown) => unknown)(p, o);
    }) as typeof fs.readFileSync);
  };
  test.each(["csv", "json", "xlsx"])("a .%s report without read permission: check, diff, reconcile", async (ext) => {
    const file = path.join(dir, `r.${ext}`);
    fs.copyFileSync(ex(`mirae-2024-12-31.${ext === "json" ? "csv" : ext}`), file);
    if (ext === "json") fs.writeFileSync(file, '{"3750": "1"}');
    denied(file);
    for (const args of [["check", file], ["diff", file, ex("mirae-2024-12-31.csv")], ["reconcile", ex("mirae-2024-12-31.csv"), file]]) {
      const r = await focus(...args);
      expect([args[0], r.code]).toEqual([args[0], 2]);
      expect(r.err).toBe(`focus: ${file} cannot be read: permission denied.\n`);
    }
  });
  test("in a batch, the unreadable file is reported and the others are still checked", async () => {
    const a = path.join(dir, "a.csv");
    const b = path.join(dir, "b.csv");
    fs.copyFileSync(ex("hsbc-2009-12-31-net-capital.csv"), a);
    fs.copyFileSync(ex("hsbc-2009-12-31-net-capital.csv"), b);
    denied(a);
    const r = await focus("check", dir);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/UNUSABLE: .*a\.csv cannot be read: permission denied\./);
    expect(r.out).toMatch(/b\.csv\s+part-ii\s+1,177,213,000/);
  });
  test("a folder that cannot be listed", async () => {
    jest.spyOn(nodeFs, "readdirSync").mockImplementation((() => {
      throw errno("EACCES");
    }) as unknown as typeof fs.readdirSync);
    const r = await focus("check", dir);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`focus: the folder ${dir} cannot be read: permission denied.\n`);
  });
  test("-o into a read-only folder (build and template)", async () => {
    // The temporary file the output is written to cannot be created (reading the inputs still works).
    const real = nodeFs.openSync;
    jest.spyOn(nodeFs, "openSync").mockImplementation(((p: fs.PathLike, ...rest: unknown[]) => {
      if (String(p).endsWith(".tmp")) throw errno("EROFS");
      return (real as (...a: unknown[]) => number)(p, ...rest);
    }) as unknown as typeof fs.openSync);
    const out = path.join(dir, "r.csv");
    const r = await focus("build", "--trial-balance", ex("mizuho-2007-03-31-trial-balance.csv"), "--map", ex("mizuho-2007-03-31-map.csv"), "-o", out);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`focus: ${out} cannot be written: the file system is read-only; nothing was written.\n`);
    const t = await focus("template", path.join(dir, "t.xlsx"));
    expect(t.err).toMatch(/t\.xlsx cannot be written: the file system is read-only/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
  test("haircuts --as-of 2026-02-30: not a date of the calendar, exit 2, no stack trace", async () => {
    const r = await focus("haircuts", ex("haircut-inventory.csv"), "--as-of", "2026-02-30");
    expect(r.code).toBe(2);
    expect(r.err).toBe('focus: --as-of "2026-02-30" is not a date of the calendar (use YYYY-MM-DD, such as 2026-02-28).\n');
    expect((await focus("haircuts", ex("haircut-inventory.csv"), "--as-of", "2024-02-29")).code).toBe(0);
  });
  test("a full disk on standard output is exit 2 with one line, not exit 1 (the code for findings)", () => {
    if (!fs.existsSync("/dev/full")) return;
    const full = fs.openSync("/dev/full", "w");
    try {
      const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "focus.js"), "check", ex("mirae-2024-12-31.csv")], { stdio: ["ignore", full, "pipe"], encoding: "utf8" });
      expect(r.status).toBe(2);
      expect(r.stderr).toBe("focus: the output cannot be written: the disk is full.\n");
    } finally {
      fs.closeSync(full);
    }
  });
});

describe("the ledger stays linear", () => {
  /** N accounts, every 20th on the other side from its line, mapped by 1,000 ranges (scripts/big-ledger.js, the bench's too). */
  function ledger(n: number): { tb: string; map: string } {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { bigLedger } = require("../scripts/big-ledger") as { bigLedger: (n: number) => { tb: string; map: string } };
    const { tb, map } = bigLedger(n);
    return { tb: write("tb.csv", tb), map: write("map.csv", map) };
  }
  test("20,000 accounts with 1,000 sign warnings: JSON of a few MB, 20 warnings listed and the rest counted (0.2.0: 265 MB, RangeError beyond)", async () => {
    const { tb, map } = ledger(20_000);
    const r = await focus("check", "--trial-balance", tb, "--map", map, "--format", "json");
    expect(r.code).toBe(0);
    expect(r.out.length).toBeLessThan(15_000_000);
    const doc = JSON.parse(r.out);
    const sign = doc.findings.filter((f: { rule: string }) => f.rule === "LEDGER-SIGN");
    expect(sign).toHaveLength(21);
    expect(sign[20].message).toBe("And 980 more balances on the other side from their lines (1,000 in all; the first 20 are listed one by one).");
    expect(sign[0].message).toMatch(/^Account 1000000 \(Account 0\) has a credit balance of 1 but 200 \(Cash\) is a debit line/);
    // A finding lists 20 accounts of an item and counts the rest; the document lists them all once.
    expect(sign[0].sources["200"]).toHaveLength(20);
    expect(sign[0].moreSources["200"]).toBe(doc.sources["200"].length - 20);
    expect(new Set(Object.values(doc.sources).flat().map((a) => (a as { account: string }).account)).size).toBe(20_000);
    const text = await focus("check", "--trial-balance", tb, "--map", map);
    expect(text.out).toMatch(/And 980 more balances on the other side from their lines/);
    expect(text.out.length).toBeLessThan(100_000);
  }, 60_000);
});

describe("a built report is checked as the ledger was", () => {
  test.each(["csv", "json", "xlsx"])("Mizuho built to .%s with --units thousands: partial and in thousands, as the ledger check (0.2.0: the .xlsx lost both)", async (ext) => {
    const out = path.join(dir, `built.${ext}`);
    const tb = ex("mizuho-2007-03-31-trial-balance.csv");
    const map = ex("mizuho-2007-03-31-map.csv");
    expect((await focus("build", "--trial-balance", tb, "--map", map, "--units", "thousands", "-o", out)).code).toBe(0);
    const built = JSON.parse((await focus("check", out, "--format", "json")).out);
    const ledger = JSON.parse((await focus("check", "--trial-balance", tb, "--map", map, "--units", "thousands", "--format", "json")).out);
    expect(built.summary).toEqual(ledger.summary);
    expect(built.netCapital).toEqual(ledger.netCapital);
    // Blank haircuts are unknown, not zero: net capital cannot be evaluated (whole, it was 114,383,000
    // against the audited 140,210,000).
    expect(built.netCapital.netCapital).toMatchObject({ computed: null, basis: "unavailable" });
    // Equity 187,271 thousands, in dollars.
    expect(built.findings.find((f: { rule: string }) => f.rule === "P2-NC-3480").actual).toBe("187271000");
  });
});

describe("empty tables and long lists", () => {
  test("a trial balance or a position list with a header only is exit 2, not an all-zero report", async () => {
    const tb = write("tb.csv", "account,name,balance\n");
    const r = await focus("check", "--trial-balance", tb, "--map", ex("mizuho-2007-03-31-map.csv"));
    expect(r.code).toBe(2);
    expect(r.err).toBe(`focus: ${tb} has a header but no accounts: a trial balance lists every account with its balance.\n`);
    const pos = write("pos.csv", "id,category,market_value\n\n");
    const h = await focus("haircuts", pos);
    expect(h.code).toBe(2);
    expect(h.err).toBe(`focus: ${pos} has a header but no positions: list one position a row.\n`);
  });
  test("a table above 100 MB is refused before it is read", async () => {
    const big = path.join(dir, "tb.csv");
    const fd = fs.openSync(big, "w");
    fs.writeSync(fd, "account,name,balance\n");
    fs.ftruncateSync(fd, 101 * 1024 * 1024);
    fs.closeSync(fd);
    const r = await focus("check", "--trial-balance", big, "--map", ex("mizuho-2007-03-31-map.csv"));
    expect(r.code).toBe(2);
    expect(r.err).toBe(`focus: ${big} is 101.0 MB; the limit for a CSV table is 100 MB.\n`);
  });
  test("the haircut schedule's text lists 20 problems and counts the rest", async () => {
    const rows = ["id,category,market_value", ...Array.from({ length: 50 }, (_, i) => `p${i},USGOV,n/a`)];
    const r = await focus("haircuts", write("pos.csv", rows.join("\n")));
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/… and 30 more problems \(50 in all; --format json lists every one\)\./);
    expect(r.out.match(/column market_value/g)).toHaveLength(20);
  });
});

test("a 'partial' setting that is neither partial nor whole is exit 2 naming where (JSON key, CSV row)", async () => {
  const j = write("p.json", '{"partial": "maybe", "3750": "1"}');
  const r = await focus("check", j);
  expect(r.code).toBe(2);
  expect(r.err).toBe(`focus: ${j} key "partial": partial "maybe" is not known; use partial (or yes) or whole (or no).\n`);
  const c = write("p.csv", "item,value\npartial,sometimes\n3750,1\n");
  const rc = await focus("check", c);
  expect(rc.code).toBe(2);
  expect(rc.err).toMatch(/p\.csv line 2: partial "sometimes" is not known/);
});

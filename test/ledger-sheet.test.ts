/**
 * Reading a trial balance from the workbook (src/excel/ledger-sheet.ts) against the fake host
 * playing Excel on the web, which refuses a request or response above 5 MB (F16).
 */
import { buildFromSelection, CELLS_PER_LOAD, readRecordedLedger, readSelectedLedger } from "../src/excel/ledger-sheet";
import { insertFocusSheet } from "../src/excel/mapping";
import { SETTING_KEYS } from "../src/excel/settings";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { FakeWorkbook, RequestContext } = require("./fakes/fake-excel.js");

type Ctx = Excel.RequestContext & { syncCount: number };
const ctx = (wb: unknown): Ctx => new RequestContext(wb) as Ctx;
const WEB = 5 * 1024 * 1024;

/** A trial balance on sheet TB from row 3 (a title above it): account, name, balance, item; `rows` accounts. */
function trialBalance(rows: number, payloadLimit: number | null = WEB) {
  const wb = new FakeWorkbook({ payloadLimit });
  wb.addSheet("TB");
  wb.setCell("TB!A1", "Trial balance at 12/31/2024");
  ["account", "name", "balance", "item"].forEach((h, i) => wb.setCell(`TB!${"ABCD"[i]}3`, h));
  for (let i = 0; i < rows; i++) {
    const r = 4 + i;
    wb.setCell(`TB!A${r}`, String(100000 + i));
    wb.setCell(`TB!B${r}`, `Securities owned, at market value: account ${100000 + i} (customer segregated)`);
    wb.setCell(`TB!C${r}`, 1000 + i);
    wb.setCell(`TB!D${r}`, i % 2 ? "200" : "850 — Securities owned");
  }
  return wb;
}

describe("a trial balance is read in parts small enough for Excel on the web", () => {
  test("60,000 accounts (6.6 MB of values), the whole columns A:D selected: only the rows with values are read, in parts, none refused", async () => {
    const wb = trialBalance(60000);
    wb.select("TB!A3:D1048576");
    const c = ctx(wb);
    const ledger = await readSelectedLedger(c);
    expect(ledger.problem).toBeNull();
    expect(ledger.accounts.length).toBe(60000);
    expect(ledger.record).toMatchObject({ sheet: "TB", headerRow: 3, lastRow: 60003, account: "A", name: "B", balance: "C", item: "D" });
    // 60,001 rows × 4 columns = 240,004 cells: 13 parts of at most 20,000 cells, after the sync that sizes them.
    expect(c.syncCount).toBe(1 + Math.ceil((60001 * 4) / CELLS_PER_LOAD));
    const sum = ledger.accounts.reduce((a, x) => a + Number(x.balance.toFixed()), 0);
    expect(sum).toBe(60000 * 1000 + (59999 * 60000) / 2);
    expect(ledger.map.length).toBe(60000);
    expect(ledger.rows.get("159999")).toBe("TB!A60003:D60003");
  });

  test("a part Excel refuses as too large is read again in halves; every row arrives once, in order", async () => {
    const wb = trialBalance(3000, 300_000); // a host that refuses more than 300 KB
    wb.select("TB!A3:D3003");
    const c = ctx(wb);
    const ledger = await readSelectedLedger(c);
    expect(ledger.accounts.map((a) => a.account)).toEqual(Array.from({ length: 3000 }, (_, i) => String(100000 + i)));
    expect(c.syncCount).toBeGreaterThan(2);
  });

  test("Excel on the web refuses one load of the whole selection (what 0.2.0 did)", async () => {
    const wb = trialBalance(60000);
    const c = ctx(wb);
    c.workbook.worksheets.getItem("TB").getRange("A3:D60003").load("values");
    await expect(c.sync()).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
    // ...and a request above 5 MB is refused before anything runs.
    const d = ctx(wb);
    d.workbook.worksheets.getItem("TB").getRange("B4:B30003").values = Array.from({ length: 30000 }, () => ["x".repeat(200)]);
    await expect(d.sync()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(wb.cell("TB", "B4").value).toMatch(/^Securities owned/);
  });

  test("a single row too large to send is named, not retried forever", async () => {
    const wb = trialBalance(10, 60);
    wb.select("TB!A3:D13");
    await expect(readSelectedLedger(ctx(wb))).rejects.toThrow('Row 4 of sheet "TB" holds more than Excel can send to the add-in at once (5 MB on the web).');
  });

  test("an empty selection says so", async () => {
    const wb = trialBalance(0);
    wb.select("TB!F1:H9");
    const ledger = await readSelectedLedger(ctx(wb));
    expect(ledger.problem).toBe("The selection holds no values: select the trial balance, its header row (account, name, balance) first.");
  });

  test("the recorded trial balance is read again in parts", async () => {
    const wb = trialBalance(30000);
    wb.settings.set(SETTING_KEYS.ledger, JSON.stringify({ sheet: "TB", headerRow: 3, lastRow: 30003, account: "A", name: "B", balance: "C", debit: null, credit: null, item: "D" }));
    const c = ctx(wb);
    const ledger = await readRecordedLedger(c);
    expect(ledger?.accounts.length).toBe(30000);
    // The record (and the name that keeps its place), the last used row (accounts appended below
    // are read too), then the parts.
    expect(c.syncCount).toBe(2 + Math.ceil((30001 * 4) / CELLS_PER_LOAD));
  });
});

describe("Build from trial balance in one batch (issue #29 point 5: 0.3.0 took nine syncs)", () => {
  test("200 accounts on the FOCUS sheet's items: four syncs, the written cells read back with their values; on the web, 60,000 accounts add one sync per further part and nothing is refused", async () => {
    for (const [rows, parts] of [[200, 1], [60000, Math.ceil((60001 * 4) / CELLS_PER_LOAD)]] as const) {
      const wb = trialBalance(rows);
      await insertFocusSheet(ctx(wb), "part-ii");
      if (rows === 200) wb.enableFormulas({});
      wb.select(`TB!A3:D${3 + rows}`);
      const c = ctx(wb);
      const r = await buildFromSelection(c, "part-ii", "ask");
      expect(r.write?.conflicts).toEqual([]);
      expect(r.write?.written).toContain("200");
      // The selection and names; the trial balance (its first part with the FOCUS cells); the formulas; their values.
      expect([c.syncCount, r.syncs]).toEqual([3 + parts, 3 + parts]);
      const cash = r.shown.find((s) => s.code === "200")!;
      // Odd rows are cash: 100 of them (200 accounts), balances 1,001, 1,003, ... 1,999.
      if (rows === 200) expect(cash.value).toBe(Array.from({ length: 100 }, (_, i) => 1001 + 2 * i).reduce((a, b) => a + b, 0));
    }
  }, 60_000);

  test("a FOCUS cell holding the user's figure: asked about after three syncs, nothing written", async () => {
    const wb = trialBalance(10);
    await insertFocusSheet(ctx(wb), "part-ii");
    const ref = wb.names.get("FOCUS_200").ref.replace(/\$/g, "");
    wb.setCell(ref, 12345);
    wb.select("TB!A3:D13");
    const c = ctx(wb);
    const r = await buildFromSelection(c, "part-ii", "ask");
    expect(r.write?.conflicts.map((x) => [x.code, x.holds])).toEqual([["200", "12345"]]);
    expect(r.write?.written).toEqual([]);
    expect(c.syncCount).toBe(2);
    expect(wb.names.has("FocusTrialBalance")).toBe(false);
  });
});

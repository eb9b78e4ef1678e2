/**
 * From the ledger: a trial balance and a map of its accounts to FOCUS items build the report. Each
 * item is the sum of its accounts with the form's sign; the form's totals are filled from their
 * lines by the rules' own formulas; every item keeps its accounts, so a finding can be traced back
 * to them. Pure: the CLI and the pane read the files and sheets.
 *
 * Signs: balances are signed, debits positive and credits negative. Asset lines take debit
 * balances as positive; liability and equity lines credit balances; a line the form prints in
 * parentheses (an allowance 335/590, treasury stock 1796) is a contra line and takes the other
 * sign (entered unsigned, as the form asks).
 */
import { catalogue } from "../catalogue/catalogue";
import type { FocusItem, FormId, SectionKey } from "../catalogue/types";
import { roundToScale } from "../report/amount";
import { entryItems, parseSplit, type SplitPart } from "./ledger-split";

export { entryItems, parseSplit, type SplitPart } from "./ledger-split";
import { D, Decimal } from "../report/decimal";
import type { Finding } from "../evaluator/findings";
import type { InputEntry } from "../report/report";
import { rulesFor } from "../rules/index";
import { exprItems } from "../rules/expr";
import { PART_II_INCOME, PART_IIA_INCOME } from "../rules/income";
import type { EquationRule } from "../rules/types";

/** One account of the trial balance. */
export interface LedgerAccount {
  account: string;
  name: string;
  /** Debit positive, credit negative, in the trial balance's units. */
  balance: Decimal;
  /** Where it was read ("line 12", "TB!row 12"). */
  where: string;
}

/** One entry of the map: an account or a range of accounts, to an item code or "exclude". */
export interface MapEntry {
  /** One account number, or the first of a range. */
  from: string;
  /** The last of a range (inclusive), or null for one account. */
  to: string | null;
  /**
   * An item code of the form, "exclude", or a split of each account between lines, as written:
   * "200:60%,680:40%" (percentages of the balance, adding to 100) or "200:1500;680" (an amount of
   * the balance, unsigned, to 200 and the rest to 680; ";" separates parts when an amount has a
   * thousands comma). See `parseSplit`.
   */
  item: string;
  /** The split, when the map gave its parts in rows of their own (an `amount` column); else parsed from `item`. */
  split?: SplitPart[];
  note: string;
  where: string;
}


/** An account behind an item. */
export interface SourceAccount {
  account: string;
  name: string;
  balance: Decimal;
}

/** A report built from the ledger. */
export interface LedgerBuild {
  form: FormId;
  /** The built items, as entries for buildReport/checkReport (lines from accounts, totals from lines). */
  entries: InputEntry[];
  /** Item code -> its value (dollars of the trial balance's units), for output. */
  values: Map<string, Decimal>;
  /** Item code -> the accounts summed into it (for a total, the accounts of its lines). */
  sources: Map<string, SourceAccount[]>;
  /** Accounts with a balance and no mapping, biggest first. */
  unmapped: SourceAccount[];
  /** Findings of the ledger itself (LEDGER-...), in the rules' finding shape. */
  findings: Finding[];
  /**
   * A pre-closing trial balance (accounts mapped to the statement of income) closed by the build:
   * the period's net income (4230) added to `line` (retained earnings 1794, or the total 1795, the
   * partnership's 1780 or the proprietor's 1770, as the map uses them), and ownership equity before
   * (4240) and after (4290 = 1800). Absent for a closed trial balance.
   */
  closing?: { netIncome: Decimal; line: string; equityBefore: Decimal; equityAfter: Decimal };
  /** What the statement of income covers, in words (the period given, year to date or not). */
  period?: string;
  /** Cover boxes the build fills from its options: 24 and 25, the period, as MM/DD/YY. */
  cover?: Map<string, string>;
  /** When accounts carry cents: how the lines were rounded (once, at the line, half-up), in words. */
  rounding?: string;
}

/** How to build: the period the trial balance's income accounts cover, and the prior month's income for 4211. */
export interface LedgerOptions {
  /** The period's first and last day (YYYY-MM-DD): cover items 24 and 25, and whether the statement is year to date. */
  periodStart?: string;
  periodEnd?: string;
  /**
   * Income (loss) before federal income taxes (4210) of the prior month-end's trial balance of the
   * same year, built with the same map: 4211 (current month only) is this 4210 less that one.
   */
  priorIncomeBeforeTaxes?: Decimal;
}

/**
 * The lines of the statement of income that take debit balances: the expenses, their total, the
 * memo of expense lines and the provision for income taxes. Every other line of the page (revenue,
 * gains, equity in subsidiaries, extraordinary items, the totals of income) takes credits.
 */
const DEBIT_INCOME = new Set([...PART_II_INCOME.expenses, ...PART_IIA_INCOME.expenses, "4200", "4220", "4070", "4130"]);
/** On the statement of changes: the deductions take debits; the balances and additions credits. */
const DEBIT_CHANGES = new Set(["4270", "4320"]);
/** "Income (current month only)": filled only from a prior month's trial balance (LedgerOptions.priorIncomeBeforeTaxes), never zero by default. */
const CURRENT_MONTH = "4211";

const CREDIT_SECTIONS = new Set<SectionKey>(["liabilities", "ownership-equity"]);
const STATEMENT = new Set<SectionKey>(["assets", "liabilities", "ownership-equity"]);

/** Compare account numbers: as numbers when both are digits ("0100" is 100), else as text. */
export function compareAccounts(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function inRange(account: string, e: MapEntry): boolean {
  if (e.to === null) return account === e.from;
  return compareAccounts(account, e.from) >= 0 && compareAccounts(account, e.to) <= 0;
}

/** How specific an entry is: one account beats a range; a narrower range beats a wider one. */
function width(e: MapEntry): number {
  if (e.to === null) return 0;
  if (/^\d+$/.test(e.from) && /^\d+$/.test(e.to)) return Number(e.to) - Number(e.from) + 1;
  return Number.MAX_SAFE_INTEGER;
}

function ledgerFinding(rule: string, severity: "error" | "warning", title: string, message: string, items: string[], where: string[], extra: Partial<Finding> = {}): Finding {
  return {
    rule,
    title,
    severity,
    status: "fail",
    section: "cover",
    category: "input",
    formula: "",
    items,
    expected: null,
    actual: null,
    difference: null,
    citation: "",
    message,
    where,
    implied: [],
    missing: [],
    invalid: [],
    unconfirmed: [],
    ...extra,
  };
}

/** How many findings of one per-account rule are listed before the rest are counted in one. */
export const LISTED_PER_RULE = 20;

/** The per-account rules: one finding per account, so a large ledger can raise thousands. */
const PER_ACCOUNT: Record<string, string> = {
  "LEDGER-SIGN": "balances on the other side from their lines",
  "LEDGER-UNMAPPED": "accounts with a balance and no mapping",
  "LEDGER-MAPPED-TWICE": "accounts mapped twice",
  "LEDGER-ACCOUNT": "accounts without a number or given twice",
};

/**
 * Group the per-account findings: the first LISTED_PER_RULE of each per-account rule as they are,
 * the rest counted in one finding of the same rule and severity ("and 980 more balances on the
 * other side from their lines"), whose items are theirs. A ledger of 200,000 accounts with 10,000
 * sign warnings gives 21 findings, not 10,000.
 */
function capPerAccount(findings: Finding[]): Finding[] {
  const seen = new Map<string, Finding[]>();
  const out: Finding[] = [];
  for (const f of findings) {
    if (!(f.rule in PER_ACCOUNT)) {
      out.push(f);
      continue;
    }
    const list = seen.get(f.rule) ?? [];
    list.push(f);
    seen.set(f.rule, list);
    if (list.length <= LISTED_PER_RULE) out.push(f);
  }
  for (const [rule, list] of seen) {
    if (list.length <= LISTED_PER_RULE) continue;
    const rest = list.slice(LISTED_PER_RULE);
    const items = [...new Set(rest.flatMap((f) => f.items))];
    const where = rest.slice(0, 6).flatMap((f) => f.where);
    const what = PER_ACCOUNT[rule];
    out.push(
      ledgerFinding(
        rule,
        rest[0].severity as "error" | "warning",
        `And ${rest.length} more ${what}`,
        `And ${rest.length.toLocaleString("en-US")} more ${what} (${list.length.toLocaleString("en-US")} in all; the first ${LISTED_PER_RULE} are listed one by one).`,
        items,
        where,
        { section: rest[0].section },
      ),
    );
  }
  return out;
}

/** The sign an item takes a balance with: +1 debit-normal, -1 credit-normal (flipped for contra lines). */
export function itemSign(it: FocusItem): 1 | -1 {
  if (it.section === "income-statement") return DEBIT_INCOME.has(it.code) ? 1 : -1;
  if (it.section === "changes-in-equity") return DEBIT_CHANGES.has(it.code) ? 1 : -1;
  const credit = CREDIT_SECTIONS.has(it.section);
  const s = credit ? -1 : 1;
  return (it.printedNegative ? -s : s) as 1 | -1;
}

/**
 * Build the report: map each account to its item (the most specific entry wins; two entries of
 * equal specificity are LEDGER-MAPPED-TWICE), sum each item's accounts with the form's sign, set
 * every statement line no account feeds to zero (the ledger is the whole statement), fill the
 * statement's totals from their lines and carry 1800 and 740 into 3480 and 3540, and say what is wrong with the ledger or the map:
 * LEDGER-BALANCE (debits ≠ credits), LEDGER-UNMAPPED (an account with a balance and no mapping),
 * LEDGER-MAPPED-TWICE, LEDGER-UNKNOWN-CODE (a code the form does not have; a Part IIA code on Part
 * II says so), LEDGER-SIGN (a balance against its line's normal side, a warning), LEDGER-EXCLUDED
 * (a map entry whose accounts are all excluded by more specific entries, a warning),
 * LEDGER-ACCOUNT (a blank or duplicate account number). Never throws on bad input.
 */
export function buildFromLedger(form: FormId, accounts: readonly LedgerAccount[], map: readonly MapEntry[], options: LedgerOptions = {}): LedgerBuild {
  const cat = catalogue(form);
  const other = catalogue(form === "part-ii" ? "part-iia" : "part-ii");
  const findings: Finding[] = [];
  // The ledger: balance, blank or duplicate accounts.
  const seen = new Map<string, LedgerAccount>();
  const usable: LedgerAccount[] = [];
  for (const a of accounts) {
    if (!a.account.trim()) {
      findings.push(ledgerFinding("LEDGER-ACCOUNT", "error", "An account without a number", `${a.where}: the account "${a.name}" has no account number; its balance ${a.balance.toFixed()} cannot be mapped.`, [], [a.where]));
      continue;
    }
    const prev = seen.get(a.account);
    if (prev) {
      findings.push(ledgerFinding("LEDGER-ACCOUNT", "error", "An account number given twice", `Account ${a.account} is given twice (${prev.where} "${prev.name}", ${a.where} "${a.name}"); the second is left out.`, [], [prev.where, a.where]));
      continue;
    }
    seen.set(a.account, a);
    usable.push(a);
  }
  const total = accounts.reduce((s, a) => s.plus(a.balance), new D(0));
  if (!total.isZero()) {
    const debits = accounts.filter((a) => a.balance.isPositive()).reduce((s, a) => s.plus(a.balance), new D(0));
    findings.push(
      ledgerFinding("LEDGER-BALANCE", "error", "The trial balance does not balance", `Debits ${debits.toFixed()} and credits ${debits.minus(total).toFixed()} differ by ${total.toFixed()}: the trial balance does not balance.`, [], [], {
        expected: "0",
        actual: total.toFixed(),
        difference: total.toFixed(),
      }),
    );
  }
  // The map: codes the form does not have.
  const validMap: MapEntry[] = [];
  const badCode = (code: string, e: MapEntry, what: string): string | null => {
    if (!cat.has(code)) {
      const elsewhere = other.has(code) ? ` (${code} is a ${form === "part-ii" ? "Part IIA" : "Part II"} code: is the map for the other form?)` : "";
      return `${e.where}: ${what} ${code} is not on ${form === "part-ii" ? "Part II" : "Part IIA"}${elsewhere}`;
    }
    const it = cat.get(code)!;
    return it.kind === "dollars" ? null : `${e.where}: ${what} ${code} (${it.label}) is not a dollar line; map accounts to amount lines`;
  };
  for (const e of map) {
    const code = e.item.trim();
    const parsed = e.split ? { parts: e.split } : parseSplit(code);
    if (parsed) {
      // A split: every part a dollar line, the percentages to 100 unless a part takes the rest, amounts for one account only.
      const accounts = `account${e.to ? `s ${e.from}-${e.to} are` : ` ${e.from} is`} left unmapped`;
      const fail = (why: string) => findings.push(ledgerFinding("LEDGER-SPLIT", "error", "A split the build cannot make", `${e.where}: ${why}; ${accounts}.`, "parts" in parsed ? parsed.parts.map((x) => x.item).filter((c) => cat.has(c)) : [], [e.where]));
      if ("problem" in parsed) {
        fail(`the split "${code}" cannot be read: ${parsed.problem}`);
        continue;
      }
      const parts = parsed.parts;
      const wrong = parts.map((x) => badCode(x.item, e, "part")).find((x) => x !== null);
      if (wrong) {
        fail(wrong.slice(e.where.length + 2));
        continue;
      }
      const codes = parts.map((x) => x.item);
      if (new Set(codes).size !== codes.length) {
        fail(`the split names ${codes.find((c, i) => codes.indexOf(c) !== i)} twice`);
        continue;
      }
      const pct = parts.reduce((sum, x) => sum.plus(x.percent ?? 0), new D(0));
      const rest = parts.some((x) => x.percent === undefined && x.amount === undefined);
      if (parts.some((x) => x.amount !== undefined) && e.to !== null) {
        fail(`a split by amount is for one account, not the range ${e.from}-${e.to} (split a range by percentages)`);
        continue;
      }
      if (parts.some((x) => x.amount !== undefined) && parts.some((x) => x.percent !== undefined)) {
        fail("a split is by percentages or by amounts, not both");
        continue;
      }
      if (parts.some((x) => x.percent !== undefined) && (rest ? pct.gt(100) : !pct.eq(100))) {
        fail(`the percentages add to ${pct.toFixed()}%, not 100%`);
        continue;
      }
      if (parts.every((x) => x.amount === undefined && x.percent === undefined)) {
        fail("no part has a share");
        continue;
      }
      validMap.push({ ...e, item: code, split: parts });
      continue;
    }
    if (code.toLowerCase() === "exclude") {
      validMap.push({ ...e, item: "exclude" });
      continue;
    }
    if (!cat.has(code)) {
      const elsewhere = other.has(code) ? ` (${code} is a ${form === "part-ii" ? "Part IIA" : "Part II"} code: is the map for the other form?)` : "";
      findings.push(ledgerFinding("LEDGER-UNKNOWN-CODE", "error", "A map entry names a code the form does not have", `${e.where}: item ${code} is not on ${form === "part-ii" ? "Part II" : "Part IIA"}${elsewhere}; accounts ${e.from}${e.to ? `-${e.to}` : ""} are left unmapped.`, [code], [e.where]));
      continue;
    }
    const it = cat.get(code)!;
    if (it.kind !== "dollars") {
      findings.push(ledgerFinding("LEDGER-UNKNOWN-CODE", "error", "A map entry names a line that is not an amount", `${e.where}: item ${code} (${it.label}) is not a dollar line; map accounts to amount lines.`, [code], [e.where]));
      continue;
    }
    validMap.push({ ...e, item: code });
  }
  // Each account to its most specific entry.
  const sources = new Map<string, SourceAccount[]>();
  const unmapped: SourceAccount[] = [];
  const used = new Map<MapEntry, number>();
  // Exact entries by account; numeric ranges by a sweep over the accounts in order (20,000
  // accounts against 2,000 entries stay fast); anything else compared as text.
  const num = (x: string) => (/^\d{1,15}$/.test(x) ? Number(x) : null);
  const exact = new Map<string, MapEntry[]>();
  const numeric: { e: MapEntry; lo: number; hi: number }[] = [];
  const textual: MapEntry[] = [];
  for (const e of validMap) {
    if (e.to === null) exact.set(e.from, [...(exact.get(e.from) ?? []), e]);
    else {
      const lo = num(e.from);
      const hi = num(e.to);
      if (lo !== null && hi !== null) numeric.push({ e, lo, hi });
      else textual.push(e);
    }
  }
  numeric.sort((x, y) => x.lo - y.lo);
  const hitsOf = new Map<string, MapEntry[]>();
  const ordered = usable.map((a) => ({ a, n: num(a.account) })).sort((x, y) => (x.n ?? Infinity) - (y.n ?? Infinity));
  let next = 0;
  let active: typeof numeric = [];
  for (const { a, n } of ordered) {
    const hits = exact.get(a.account)?.slice() ?? [];
    for (const e of textual) if (inRange(a.account, e)) hits.push(e);
    if (n !== null) {
      while (next < numeric.length && numeric[next].lo <= n) active.push(numeric[next++]);
      // Ranges that end below this account are dropped only when there is one (no array per account).
      if (active.some((r) => r.hi < n)) active = active.filter((r) => r.hi >= n);
      for (const r of active) hits.push(r.e);
    } else {
      for (const r of numeric) if (inRange(a.account, r.e)) hits.push(r.e);
    }
    hitsOf.set(a.account, hits);
  }
  const matches = (account: string): MapEntry[] => hitsOf.get(account) ?? [];
  for (const a of usable) {
    const hits = matches(a.account);
    if (!hits.length) {
      if (!a.balance.isZero()) unmapped.push({ account: a.account, name: a.name, balance: a.balance });
      continue;
    }
    const best = hits.length === 1 ? width(hits[0]) : Math.min(...hits.map(width));
    const winners = hits.length === 1 ? hits : hits.filter((e) => width(e) === best);
    const items = winners.length === 1 ? [winners[0].item] : [...new Set(winners.map((e) => e.item))];
    if (items.length > 1) {
      findings.push(ledgerFinding("LEDGER-MAPPED-TWICE", "error", "An account mapped twice", `Account ${a.account} (${a.name}) is mapped to ${items.join(" and ")} by ${winners.map((e) => e.where).join(" and ")}; map it once.`, items, [a.where, ...winners.map((e) => e.where)]));
      continue;
    }
    const e = winners[0];
    used.set(e, (used.get(e) ?? 0) + 1);
    if (e.item === "exclude") continue;
    const add = (item: string, part: SourceAccount) => {
      const list = sources.get(item) ?? [];
      list.push(part);
      sources.set(item, list);
    };
    if (!e.split) {
      add(e.item, { account: a.account, name: a.name, balance: a.balance });
      continue;
    }
    // Each part's share of the balance, exact: a percentage of it, an amount on its side, the rest.
    // The parts add to the balance to the cent; each line rounds once, as every line does.
    const side = a.balance.isNegative() ? -1 : 1;
    const fixed = e.split.filter((x) => x.amount !== undefined).reduce((sum, x) => sum.plus(x.amount!), new D(0));
    if (fixed.gt(a.balance.abs())) {
      findings.push(
        ledgerFinding("LEDGER-SPLIT", "error", "A split larger than the balance", `${e.where}: the amounts of the split (${fixed.toFixed()}) are more than account ${a.account}'s balance (${a.balance.toFixed()}); the account is left out of ${entryItems(e).join(" and ")}.`, entryItems(e), [a.where, e.where]),
      );
      continue;
    }
    let left = a.balance;
    for (const x of e.split.filter((p) => p.percent !== undefined || p.amount !== undefined)) {
      const share = x.percent !== undefined ? a.balance.times(x.percent).div(100) : x.amount!.times(side);
      left = left.minus(share);
      add(x.item, { account: a.account, name: `${a.name} (${x.percent !== undefined ? `${x.percent.toFixed()}%` : x.amount!.toFixed()} of ${a.balance.toFixed()})`, balance: share });
    }
    const restPart = e.split.find((p) => p.percent === undefined && p.amount === undefined);
    if (restPart) add(restPart.item, { account: a.account, name: `${a.name} (the rest of ${a.balance.toFixed()})`, balance: left });
    else if (!left.isZero() && e.split.some((p) => p.amount !== undefined)) {
      findings.push(
        ledgerFinding("LEDGER-SPLIT", "error", "A split that leaves part of the balance out", `${e.where}: the amounts of the split add to ${fixed.toFixed()} but account ${a.account}'s balance is ${a.balance.toFixed()}: ${left.abs().toFixed()} goes to no line (add a part without an amount for the rest).`, entryItems(e), [a.where, e.where]),
      );
    }
  }
  for (const u of unmapped.sort((x, y) => y.balance.abs().comparedTo(x.balance.abs()))) {
    findings.push(ledgerFinding("LEDGER-UNMAPPED", "error", "An account with a balance and no mapping", `Account ${u.account} (${u.name}) has a balance of ${u.balance.toFixed()} and no mapping: the report leaves it out.`, [], [seen.get(u.account)!.where]));
  }
  const covered = new Set<MapEntry>();
  for (const a of usable) for (const e of matches(a.account)) covered.add(e);
  for (const e of validMap) {
    if (covered.has(e) && !used.get(e) && e.item !== "exclude") {
      findings.push(ledgerFinding("LEDGER-EXCLUDED", "warning", "A line whose accounts all went elsewhere", `${e.where}: every account of ${e.from}${e.to ? `-${e.to}` : ""} is taken by a more specific entry (or excluded); ${e.item} gets none of them.`, [e.item], [e.where]));
    }
  }
  // Values with the form's sign; sign warnings.
  const values = new Map<string, Decimal>();
  const roundedLines: { code: string; exact: Decimal }[] = [];
  for (const [code, list] of sources) {
    const it = cat.get(code)!;
    const sign = itemSign(it);
    // Summed exactly, cents and all, then rounded once where the form rounds: the line, half-up to
    // the whole unit (0.3.0 rounded each account first, so a balanced trial balance with cents came
    // out "off by 1" and lines moved by a dollar or two).
    const exact = list.reduce((s, a) => s.plus(a.balance.times(sign)), new D(0));
    const line = roundToScale(exact, "dollars");
    if (!line.eq(exact)) roundedLines.push({ code, exact });
    values.set(code, line.isZero() ? new D(0) : line);
    for (const a of list) {
      if (a.balance.times(sign).isNegative()) {
        const side = a.balance.isNegative() ? "credit" : "debit";
        findings.push(
          ledgerFinding("LEDGER-SIGN", "warning", "A balance on the other side from its line", `Account ${a.account} (${a.name}) has a ${side} balance of ${a.balance.abs().toFixed()} but ${code} (${it.label}) is a ${sign === 1 ? "debit" : "credit"} line${it.printedNegative ? " (a contra line)" : ""}: check the mapping.`, [code], [seen.get(a.account)!.where], { section: it.section }),
        );
      }
    }
  }
  // Every line of the statement that no account feeds is zero: the ledger is the whole statement.
  const totalTargets = new Set(rulesFor(form).filter((r) => r.kind === "equation" && r.expr.op === "total").map((r) => (r as EquationRule).target));
  // Except the lines of a total whose split is optional (the corporation's components of 1795, an
  // A.I. / non-A.I. split) when accounts feed the total itself and none feeds its lines: the split
  // is not reported, not zero.
  const unsplit = new Set<string>();
  for (const r of rulesFor(form)) {
    if (r.kind !== "equation" || r.expr.op !== "total" || !r.partsOptional || !values.has(r.target)) continue;
    const lines = exprItems(r.expr);
    if (lines.every((c) => !values.has(c))) lines.forEach((c) => unsplit.add(c));
  }
  // A pre-closing trial balance: its income and expense accounts feed the statement of income,
  // which is then whole too (every line zero that no account feeds).
  const preClosing = [...sources.keys()].some((c) => cat.get(c)?.section === "income-statement");
  const zeroed = new Set<SectionKey>(preClosing ? [...STATEMENT, "income-statement"] : STATEMENT);
  for (const it of cat.items) {
    if (it.kind !== "dollars" || !zeroed.has(it.section) || values.has(it.code) || totalTargets.has(it.code) || unsplit.has(it.code) || it.code === CURRENT_MONTH) continue;
    values.set(it.code, new D(0));
  }
  // Totals from their lines (the rules' own formulas), until nothing new follows: the statement of
  // income first, then (after the closing) the statement of financial condition.
  const built = new Set<string>();
  const empty = new Set<string>(); // totals whose lines are all blank: nothing to build
  const buildTotals = (sections: readonly SectionKey[]) => {
    const totals = rulesFor(form).filter((r): r is EquationRule => r.kind === "equation" && r.expr.op === "total" && sections.includes(r.section));
    const targets = new Set(totals.map((r) => r.target));
    for (let changed = true; changed; ) {
      changed = false;
      for (const r of totals) {
        if (values.has(r.target) || empty.has(r.target) || r.expr.op !== "total") continue;
        const terms = r.expr.terms.map((t) => ({ sign: t.sign, code: t.expr.op === "item" ? t.expr.code : null }));
        if (terms.some((t) => t.code === null)) continue;
        // A line that is itself a total still to be built waits for it.
        if (terms.some((t) => !values.has(t.code!) && targets.has(t.code!) && !empty.has(t.code!))) continue;
        if (!terms.some((t) => values.has(t.code!))) {
          empty.add(r.target);
          changed = true;
          continue;
        }
        values.set(r.target, terms.reduce((sum, t) => sum.plus((values.get(t.code!) ?? new D(0)).times(t.sign)), new D(0)));
        // A total's accounts are its lines' accounts (the drill-down from 1760 to the ledger).
        sources.set(r.target, terms.flatMap((t) => sources.get(t.code!) ?? []));
        built.add(r.target);
        changed = true;
      }
    }
  };
  let closing: LedgerBuild["closing"];
  if (preClosing) {
    buildTotals(["income-statement"]);
    const netIncome = values.get("4230");
    const line = closingLine(map, sources);
    if (netIncome !== undefined && line) {
      // The closing entry: the period's net income to the equity line, as a source the drill-down names.
      values.set(line, (values.get(line) ?? new D(0)).plus(netIncome));
      sources.set(line, [...(sources.get(line) ?? []), { account: "(closing)", name: "net income of the period (4230), closed to this line", balance: netIncome.neg() }]);
      closing = { netIncome, line, equityBefore: new D(0), equityAfter: new D(0) };
    } else if (netIncome !== undefined) {
      findings.push(
        ledgerFinding("LEDGER-CLOSING", "error", "The period cannot be closed", `The trial balance is not closed (its income and expense accounts are mapped to the statement of income, net income ${netIncome.toFixed()}), but no account is mapped to ownership equity (1770, 1780, 1791-1796): the net income has no line to go to.`, ["4230"], []),
      );
    }
  }
  buildTotals(["assets", "liabilities", "ownership-equity"]);
  if (closing) {
    // The statement of changes in ownership equity: the equity the ledger shows before the closing,
    // the period's net income, the balance at the end (= 1800). Additions and deductions are not in
    // a trial balance: zero, for the FINOP to fill.
    const after = values.get("1800") ?? new D(0);
    closing.equityAfter = after;
    closing.equityBefore = after.minus(closing.netIncome);
    const set = (code: string, v: Decimal, list: SourceAccount[] = []) => {
      values.set(code, v);
      sources.set(code, list);
      built.add(code);
    };
    set("4240", closing.equityBefore);
    set("4250", closing.netIncome, sources.get("4230") ?? []);
    set("4260", new D(0));
    set("4270", new D(0));
    set("4290", after, sources.get("1800") ?? []);
  }
  if (preClosing && options.priorIncomeBeforeTaxes !== undefined && values.has("4210") && cat.has(CURRENT_MONTH)) {
    values.set(CURRENT_MONTH, values.get("4210")!.minus(options.priorIncomeBeforeTaxes));
    built.add(CURRENT_MONTH);
  }
  const period = periodWords(options, preClosing);
  // Transfers from the statement to the net capital computation (3480 = 1800, 3540 = 740): the
  // statement gives them, so the built report carries them.
  for (const r of transfers(form)) {
    const from = r.expr.op === "item" ? r.expr.code : null;
    if (!from || values.has(r.target) || !values.has(from)) continue;
    values.set(r.target, values.get(from)!);
    sources.set(r.target, sources.get(from) ?? []);
    built.add(r.target);
  }
  const entries: InputEntry[] = [...values].map(([code, v]) => {
    const list = sources.get(code) ?? [];
    const where = built.has(code) ? `the total of ${code}'s lines` : list.length ? `account${list.length === 1 ? "" : "s"} ${list.map((a) => a.account).join(", ")}` : `no account (${code})`;
    return { code, raw: { kind: "text", value: v.toFixed() }, where };
  });
  // The period, as the cover prints it (MM/DD/YY).
  const cover = new Map<string, string>();
  for (const [code, date] of [["24", options.periodStart], ["25", options.periodEnd]] as const) {
    if (!date || !cat.has(code)) continue;
    cover.set(code, `${date.slice(5, 7)}/${date.slice(8, 10)}/${date.slice(2, 4)}`);
    entries.push({ code, raw: { kind: "text", value: cover.get(code)! }, where: code === "24" ? "--period-start" : "--period-end" });
  }
  const rounding = roundedLines.length
    ? `The accounts carry cents: each line is the exact sum of its accounts, rounded once, half-up, to the whole unit the form reports (${roundedLines.length} line${roundedLines.length === 1 ? "" : "s"}: ${roundedLines
        .slice(0, 5)
        .map((r) => `${r.code} ${r.exact.toFixed()} to ${values.get(r.code)!.toFixed()}`)
        .join("; ")}${roundedLines.length > 5 ? "; ..." : ""}); totals add the rounded lines, as the form does.`
    : undefined;
  return { form, entries, values, sources, unmapped, findings: capPerAccount(findings), ...(closing ? { closing } : {}), ...(period ? { period } : {}), ...(cover.size ? { cover } : {}), ...(rounding ? { rounding } : {}) };
}

/**
 * The equity line a pre-closing trial balance's net income is closed to, from the lines the map
 * uses: retained earnings (1794) when the corporation's lines are mapped, the total 1795 when only
 * it is, else the partnership/LLC's 1780, else the proprietor's 1770; null when no equity line is
 * mapped.
 */
function closingLine(map: readonly MapEntry[], sources: ReadonlyMap<string, SourceAccount[]>): string | null {
  const used = (code: string) => sources.has(code) || map.some((e) => entryItems(e).includes(code));
  if (["1791", "1792", "1793", "1794", "1796"].some(used)) return "1794";
  return ["1795", "1780", "1770"].find(used) ?? null;
}

/** What the statement of income covers, in words: the period given (year to date when it starts on January 1), or that it was not given. */
function periodWords(o: LedgerOptions, preClosing: boolean): string | undefined {
  if (!preClosing) return undefined;
  const us = (d: string) => `${d.slice(5, 7)}/${d.slice(8, 10)}/${d.slice(0, 4)}`;
  if (o.periodStart && o.periodEnd) {
    const ytd = o.periodStart.slice(5) === "01-01" && o.periodStart.slice(0, 4) === o.periodEnd.slice(0, 4);
    return `The statement of income covers ${us(o.periodStart)} to ${us(o.periodEnd)}${ytd ? " (year to date: the income and expense accounts hold the year's activity)" : ""}.`;
  }
  if (o.periodEnd) return `The statement of income covers the period ending ${us(o.periodEnd)} that the income and expense accounts hold (year to date, if they were last closed at the fiscal year's start; give --period-start to say).`;
  return "The statement of income covers the period the income and expense accounts hold (give --period-start and --period-end to print it).";
}

/** The rules that carry one statement figure into the net capital computation (3480 = 1800, 3540 = 740). */
export function transfers(form: FormId): EquationRule[] {
  return rulesFor(form).filter((r): r is EquationRule => r.kind === "equation" && r.expr.op === "item" && r.section === "net-capital");
}

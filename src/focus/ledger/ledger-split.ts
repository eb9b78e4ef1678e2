/**
 * Accounts split between lines in a ledger map: "300:60%,550:40%" (percentages of the balance) or
 * "300:2500.25;550" (an amount of the balance to one line, the rest to another). Parsing only; the
 * build (ledger.ts) applies the shares and checks them.
 */
import { exactAmount } from "../report/amount";
import { D, type Decimal } from "../report/decimal";
import type { MapEntry } from "./ledger";

/** One part of a split account: its line and its share (a percentage of the balance, an amount of it, or the rest when neither). */
export interface SplitPart {
  item: string;
  /** Percent of the balance (60 for 60%). */
  percent?: Decimal;
  /** Part of the balance, unsigned, in the trial balance's units; it takes the balance's side. */
  amount?: Decimal;
}

/**
 * Parse a split written in a map's item ("200:60%,680:40%", "200:1500;680", "200:1,500.25;680"):
 * parts separated by ";" when there is one, else by ","; each part is a code, a colon and a share
 * (a percentage, or an amount without sign), or a code alone for the rest of the balance. Returns
 * null for one code or "exclude" (no colon, comma or semicolon); `problem` when a part cannot be read or
 * more than one part takes the rest.
 */
export function parseSplit(text: string): { parts: SplitPart[] } | { problem: string } | null {
  const t = text.trim();
  if (!/[:;,]/.test(t)) return null;
  const pieces = t.split(t.includes(";") ? ";" : ",").map((x) => x.trim());
  const parts: SplitPart[] = [];
  for (const piece of pieces) {
    const m = /^([^:\s]+)\s*(?::\s*(.+))?$/.exec(piece);
    if (!m) return { problem: `"${piece}" is not a part of a split (code:60% or code:1500, or a code alone for the rest)` };
    const [, item, share] = m;
    if (share === undefined) {
      parts.push({ item });
      continue;
    }
    const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(share);
    if (pct) {
      parts.push({ item, percent: new D(pct[1]) });
      continue;
    }
    const a = exactAmount(share);
    if (!a.ok || a.value === null || a.value.isNegative() || /^[-(]/.test(share)) return { problem: `the share "${share}" of ${item} is not a percentage or an unsigned amount` };
    parts.push({ item, amount: a.value });
  }
  if (parts.filter((x) => x.percent === undefined && x.amount === undefined).length > 1) return { problem: `more than one part (${parts.filter((x) => x.percent === undefined && x.amount === undefined).map((x) => x.item).join(", ")}) takes the rest of the balance` };
  return { parts };
}

/** The codes an entry maps to: its split's parts (given as rows, or written in its item), else its item. */
export function entryItems(e: MapEntry): string[] {
  if (e.split) return e.split.map((x) => x.item);
  const parsed = parseSplit(e.item);
  return parsed && "parts" in parsed ? parsed.parts.map((x) => x.item) : [e.item];
}

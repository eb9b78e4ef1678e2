/**
 * What moved between two checks of one report, in a line the pane shows for a few seconds after a
 * re-check (Check as I edit): "net capital 299,549,779 → 298,901,002; excess −648,777".
 */
import { D } from "../report/decimal";
import { formatAmount } from "../report/amount";
import type { NetCapitalSummary, SummaryLine } from "./summary";

/** A summary line's figure as the summary shows it: the reported one first, else its lines'. */
function figure(l: SummaryLine | undefined): string | null {
  if (!l) return null;
  const v = l.reported ?? l.computed;
  return v !== null && /^-?\d+(\.\d+)?$/.test(v) ? v : null;
}

/** Whole dollars as the form prints them, a negative with a minus sign (U+2212). */
function dollars(v: string, signed = false): string {
  const d = new D(v);
  const text = formatAmount(d.abs(), "dollars");
  return d.isNegative() ? `−${text}` : signed && d.gt(0) ? `+${text}` : text;
}

/**
 * The movement of net capital (item 3750) and of excess net capital (3770, or 3910 on the
 * alternative standard) from `before` to `after`, in words: "net capital A → B; excess −Δ" when net
 * capital moved, "excess net capital A → B" when only the excess did (the requirement moved), and
 * null when neither moved or either figure is unknown on both sides. Whole dollars, as the summary.
 */
export function whatMoved(before: NetCapitalSummary, after: NetCapitalSummary): string | null {
  const nc0 = figure(before.netCapital);
  const nc1 = figure(after.netCapital);
  const ex0 = figure(before.excessNetCapital);
  const ex1 = figure(after.excessNetCapital);
  const excessBy = ex0 !== null && ex1 !== null && !new D(ex0).eq(ex1) ? new D(ex1).minus(ex0).toFixed() : null;
  if (nc0 !== null && nc1 !== null && !new D(nc0).eq(nc1)) {
    return `net capital ${dollars(nc0)} → ${dollars(nc1)}${excessBy !== null ? `; excess ${dollars(excessBy, true)}` : ""}`;
  }
  if (nc0 === null && nc1 !== null) return `net capital ${dollars(nc1)}${ex1 !== null ? `; excess ${dollars(ex1)}` : ""}`;
  if (nc0 !== null && nc1 === null) return `net capital ${dollars(nc0)} → cannot evaluate`;
  if (excessBy !== null) return `excess net capital ${dollars(ex0 as string)} → ${dollars(ex1 as string)}`;
  return null;
}

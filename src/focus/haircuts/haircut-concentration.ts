/**
 * 15c3-1(c)(2)(vi)(M), undue concentration, over the haircut schedule's valued positions (see
 * haircut-schedule.ts), and two small helpers the schedule shares.
 */
import { D, Decimal } from "../report/decimal";
import type { ConcentrationCharge, ScheduleProblem, Valued } from "./haircut-schedule";
import { UNDUE_CONCENTRATION } from "./haircuts";
import { applyRate, type Rate } from "../net-capital/regulation";

/** The sum of some amounts. */
export const sumOf = (xs: readonly Decimal[]) => xs.reduce((a, b) => a.plus(b), new D(0));

/** Append to the list under `key` (in place: no copying). */
export function push<K, V>(m: Map<K, V[]>, key: K, v: V): void {
  const list = m.get(key);
  if (list) list.push(v);
  else m.set(key, [v]);
}

/**
 * Categories (M)(1) does not reach: "exempted securities" (U.S. government obligations; municipal
 * securities, whose concentration is (M)(4)'s, not computed here) and "redeemable securities of an
 * investment company registered pursuant to the Investment Company Act of 1940" (MMF, FUND-GOV,
 * FUND-DEBT); options and arbitrage are taken as entered (Appendix A), and no ready market is 100%
 * already. Canadian government debt is NOT among them: Rule 3a12-8 (17 CFR 240.3a12-8(b)) exempts
 * a "designated foreign government security" (Canada's among them) "for purposes only of the offer,
 * sale or confirmation of sale of qualifying foreign futures contracts"; the bonds themselves are
 * not exempted securities, so (M) applies to them (0.3.0 exempted them).
 */
const EXEMPT = new Set(["USGOV", "MUNI-SHORT", "MUNI", "MMF", "FUND-GOV", "FUND-DEBT", "OPTION", "ARBITRAGE", "NO-READY-MARKET"]);
const DEBT = new Set(["CP", "NONCONV", "CONV", "CONV-BELOW", "CANADA"]);
/** (J) securities, whose (M) deduction is 15%: all other securities, and convertibles at or above principal ((G) sends them to (J)). */
const J_SECURITIES = new Set(["OTHER", "CONV"]);

/**
 * (M): per issuer, "single class or series" and side, the market value above the greater of 10 % of
 * net capital before haircuts and the (M)(3) floor ($10,000 for equity, $25,000 for debt; the
 * 500-share alternative needs share counts, which the inventory does not carry) is charged 15 % for
 * (J) securities, else "50 percent of the percentage deduction otherwise provided": the rate of the
 * security's category and band (its own haircut after offsets may be nil, as on the lesser side of
 * an (F)(1) band; 0.3.0 charged 50% of that, so nothing). The class is the inventory's class column,
 * else the category (common, preferred) and for debt its maturity: one issuer's common and
 * preferred are never pooled at a blended rate. A position without an issuer, where (M) applies and
 * it could pass the threshold with the largest class of its kind and side, is named in `warnings`:
 * its concentration cannot be tested.
 */
export function concentration(valid: Valued[], ncbh: Decimal, warnings: ScheduleProblem[]): ConcentrationCharge[] {
  const M = UNDUE_CONCENTRATION;
  const threshold = applyRate(M.threshold, ncbh);
  const groups = new Map<string, Valued[]>();
  const noIssuer: Valued[] = [];
  const kindOf = (v: Valued) => (DEBT.has(v.p.category) ? "debt" : "equity");
  const sideOf = (v: Valued) => ((v.whole ?? v.p.marketValue).isNegative() ? "short" : "long");
  for (const v of valid) {
    if (EXEMPT.has(v.p.category)) continue;
    const issuer = v.p.issuer?.trim();
    if (!issuer) {
      noIssuer.push(v);
      continue;
    }
    const kind = kindOf(v);
    const side = sideOf(v);
    const series = v.p.securityClass?.trim() || `${v.p.category}${kind === "debt" && v.p.maturity ? ` ${typeof v.p.maturity === "string" ? v.p.maturity : `${v.p.maturity.toString()} years`}` : ""}`;
    push(groups, `${issuer}\u0000${series}\u0000${kind}\u0000${side}`, v);
  }
  // A position without an issuer could belong with any issuer's class: it cannot be tested when,
  // with every other issuer-less position of its kind and side and the largest class of them, it
  // could pass the threshold. Below that it cannot, whoever the issuer: nothing to say.
  const largest = new Map<string, Decimal>();
  for (const [key, vs] of groups) {
    const [, , kind, side] = key.split("\u0000");
    const mv = sumOf(vs.map((v) => v.p.marketValue.abs()));
    if (!largest.has(`${kind}|${side}`) || mv.gt(largest.get(`${kind}|${side}`)!)) largest.set(`${kind}|${side}`, mv);
  }
  const unnamed = new Map<string, Decimal>();
  for (const v of noIssuer) unnamed.set(`${kindOf(v)}|${sideOf(v)}`, (unnamed.get(`${kindOf(v)}|${sideOf(v)}`) ?? new D(0)).plus(v.p.marketValue.abs()));
  const named = new Set<string>();
  for (const v of noIssuer) {
    const k = `${kindOf(v)}|${sideOf(v)}`;
    const pooled = unnamed.get(k)!.plus(largest.get(k) ?? new D(0));
    const floor = kindOf(v) === "equity" ? M.equityFloorDollars.amount : M.debtFloorDollars.amount;
    if (pooled.lte(D.max(threshold, floor)) || named.has(v.p.id)) continue;
    named.add(v.p.id);
    const where = v.p.where ?? `position ${v.p.id}`;
    warnings.push({ id: v.p.id, where, column: "issuer", message: `${where} (${v.p.id}): no issuer, so undue concentration (15c3-1(c)(2)(vi)(M)) cannot be tested for it: give the issuer.` });
  }
  const out: ConcentrationCharge[] = [];
  const money = (d: Decimal) => d.toFixed(0).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  for (const [key, vs] of groups) {
    const [issuer, series, kind, side] = key.split("\u0000") as [string, string, "equity" | "debt", "long" | "short"];
    const mv = sumOf(vs.map((v) => v.p.marketValue.abs()));
    const floor = kind === "equity" ? M.equityFloorDollars.amount : M.debtFloorDollars.amount;
    const over = mv.minus(D.max(threshold, floor));
    if (over.lte(0)) continue;
    // Each position's share of the excess at its own rate: 15% for (J), else 50% of its category's and band's rate.
    // Summed over the positions first, divided once: the (J) market value at 15%, the others each
    // at its own rate, then scaled to the excess (over / mv).
    let jValue = new D(0);
    const byRate = new Map<Rate, Decimal>();
    for (const v of vs) {
      if (J_SECURITIES.has(v.p.category)) jValue = jValue.plus(v.p.marketValue.abs());
      else if (v.baseRate) byRate.set(v.baseRate, (byRate.get(v.baseRate) ?? new D(0)).plus(v.p.marketValue.abs()));
    }
    const rated = [...byRate].reduce((sum, [rate, value]) => sum.plus(applyRate(rate, value)), new D(0));
    const charge = applyRate(M.additionalOtherSecurities, jValue).plus(applyRate(M.additional, rated)).times(over).div(mv);
    const rates = [...(jValue.isZero() ? [] : ["15% ((J) securities)"]), ...[...byRate.keys()].map((r) => `50% of ${r.text} (${r.citation})`)];
    out.push({
      issuer,
      series,
      kind,
      side,
      marketValue: mv,
      excess: over,
      charge,
      arithmetic: `${issuer}, ${series} (${kind}, ${side}): ${money(mv)} less the greater of 10% × ${money(ncbh)} = ${money(threshold)} and ${money(floor)} leaves ${money(over)}; × ${rates.join(" and ")} = ${charge.toFixed(2)}`,
    });
  }
  return out.sort((a, b) => b.charge.comparedTo(a.charge));
}

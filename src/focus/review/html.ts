/**
 * The review pack as one self-contained HTML file: inline CSS and SVG, no script, no external URL
 * of any kind (it opens offline, can be mailed and archived), printable from any browser with
 * page breaks between parts (`@media print`), readable in light and dark schemes
 * (`prefers-color-scheme`). Every chart carries its numbers in a table beside it, for screen
 * readers and for print. Pure string building: no DOM.
 */
import { formatAmount } from "../report/amount";
import { D } from "../report/decimal";
import { RATES } from "../net-capital/regulation";
import { ratePct, type Measure } from "./notices";
import type { PackBridge, ReviewPack, TrendPoint } from "./pack";

/** Escape text for HTML content and attribute values. */
export function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const money = (v: string | null) => (v === null ? "—" : formatAmount(new D(v), "dollars"));
const signed = (v: string) => (new D(v).isNegative() ? `−${formatAmount(new D(v).abs(), "dollars")}` : `+${formatAmount(new D(v), "dollars")}`);
/** A finding's figure as the form prints it: whole dollars grouped ("143,091,500"); anything else (a percentage, a range) as given. */
const shownFigure = (v: string | null) => (v === null ? "—" : /^-?\d+$/.test(v) ? formatAmount(new D(v), "dollars", { negative: "minus" }) : v);
const num = (v: string | null) => (v === null ? 0 : Number(v)); // for drawing only: pixel positions, never money

const CSS = `
:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--muted:#5c5c5c;--rule:#c8c8c8;--bar:#2f6db5;--ok:#1d7a3a;--bad:#b3261e;--warn:#8a5a00;--box:#f4f6f8}
@media (prefers-color-scheme:dark){:root{--fg:#e8e8e8;--bg:#16181b;--muted:#a8a8a8;--rule:#454a50;--bar:#6ea8f0;--ok:#5cc98a;--bad:#f08a80;--warn:#e2b34d;--box:#22262b}}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1000px;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;border-bottom:2px solid var(--rule);padding-bottom:4px;margin-top:32px}h3{font-size:15px;margin:18px 0 6px}
table{border-collapse:collapse;width:100%;margin:8px 0 16px}th,td{border-bottom:1px solid var(--rule);padding:4px 6px;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}caption{text-align:left;font-weight:600;padding:4px 0}
.muted{color:var(--muted)}.bad{color:var(--bad);font-weight:600}.ok{color:var(--ok);font-weight:600}.warn{color:var(--warn);font-weight:600}
.notice{border:2px solid var(--bad);border-radius:6px;padding:10px 14px;margin:12px 0;background:var(--box)}.notice.none{border-color:var(--ok)}
blockquote{margin:8px 0;padding:6px 12px;border-left:4px solid var(--rule);font-style:italic}
.draft{white-space:pre-wrap;border:1px dashed var(--rule);padding:8px;background:var(--bg)}
svg{max-width:100%;height:auto;display:block;margin:6px 0}svg text{fill:var(--fg);font:12px system-ui,Arial,sans-serif}
svg .bar{fill:var(--bar)}svg .up{fill:var(--ok)}svg .down{fill:var(--bad)}svg .axis{stroke:var(--muted);stroke-width:1}svg .level{stroke:var(--bad);stroke-width:2;stroke-dasharray:4 3}
svg .l1{stroke:var(--bar)}svg .l2{stroke:var(--bad)}svg .l3{stroke:var(--ok)}svg .l4{stroke:var(--warn)}svg .series{fill:none;stroke-width:2}
.sign{display:grid;grid-template-columns:1fr 1fr 1fr;gap:24px;margin-top:24px}.sign div{border-bottom:1px solid var(--fg);height:64px;position:relative}.sign span{position:absolute;bottom:-20px;left:0;font-size:12px;color:var(--muted)}
.files td:last-child{font-family:ui-monospace,Consolas,monospace;font-size:11px;word-break:break-all}
@page{margin:16mm 14mm}
@media print{body{max-width:none;padding:0;font-size:11pt}h2{break-after:avoid-page}section{break-before:page}section.first{break-before:auto}table,svg,.notice{break-inside:avoid-page}}
`;

/** A horizontal bar from zero to the measure's figure, each level a marked line, scale starting at zero. */
function measureChart(m: Measure, i: number): string {
  const w = 860;
  const left = 10;
  const plot = w - 20;
  const levels = m.thresholds.map((t) => num(t.amount));
  const max = Math.max(num(m.value), ...levels, 1) * 1.12;
  const x = (v: number) => left + (Math.max(0, v) / max) * plot;
  const h = 56 + m.thresholds.length * 16;
  const parts: string[] = [`<line class="axis" x1="${left}" y1="34" x2="${left + plot}" y2="34"/>`, `<text x="${left}" y="48">0</text>`];
  parts.push(`<rect class="bar" x="${left}" y="10" width="${(x(num(m.value)) - left).toFixed(1)}" height="20"><title>${esc(m.valueLabel)}: ${money(m.value)}</title></rect>`);
  parts.push(`<text x="${Math.min(x(num(m.value)) + 4, w - 150).toFixed(1)}" y="25">${esc(money(m.value))}</text>`);
  m.thresholds.forEach((t, k) => {
    const xx = x(num(t.amount)).toFixed(1);
    parts.push(`<line class="level" x1="${xx}" y1="4" x2="${xx}" y2="38"/>`);
    parts.push(`<text x="${left}" y="${64 + k * 16}">${esc(t.label)}: ${esc(money(t.amount))}; margin ${esc(signed(t.margin))}${t.marginPct ? ` (${esc(t.marginPct)}%)` : ""}</text>`);
  });
  return `<svg role="img" aria-labelledby="m${i}-cap" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">${parts.join("")}</svg>`;
}

/** The bridge as a waterfall: before and after from zero, each step from the running total, every bar labelled. */
function waterfall(b: PackBridge): string {
  const rows = [{ label: "before", from: 0, to: num(b.before), kind: "bar", amount: b.before }];
  let run = num(b.before);
  for (const s of b.steps) {
    const next = run + num(s.change);
    rows.push({ label: s.label, from: run, to: next, kind: num(s.change) >= 0 ? "up" : "down", amount: s.change });
    run = next;
  }
  rows.push({ label: "after", from: 0, to: num(b.after), kind: "bar", amount: b.after });
  const labelW = 330;
  const plot = 400;
  const w = labelW + plot + 150;
  const lo = Math.min(0, ...rows.map((r) => Math.min(r.from, r.to)));
  const hi = Math.max(1, ...rows.map((r) => Math.max(r.from, r.to)));
  const x = (v: number) => labelW + ((v - lo) / (hi - lo)) * plot;
  const rowH = 22;
  const h = rows.length * rowH + 30;
  const parts: string[] = [`<line class="axis" x1="${x(0).toFixed(1)}" y1="0" x2="${x(0).toFixed(1)}" y2="${h - 20}"/>`, `<text x="${x(0).toFixed(1)}" y="${h - 6}">0</text>`];
  rows.forEach((r, i) => {
    const y = i * rowH + 4;
    const a = x(Math.min(r.from, r.to));
    const bw = Math.max(1, Math.abs(x(r.to) - x(r.from)));
    const text = r.kind === "bar" ? money(r.amount) : signed(r.amount);
    const label = r.label.length > 48 ? `${r.label.slice(0, 47)}…` : r.label;
    parts.push(`<text x="0" y="${y + 14}">${esc(label)}</text>`);
    parts.push(`<rect class="${r.kind}" x="${a.toFixed(1)}" y="${y}" width="${bw.toFixed(1)}" height="${rowH - 6}"><title>${esc(r.label)}: ${esc(text)}</title></rect>`);
    parts.push(`<text x="${(Math.max(x(r.from), x(r.to)) + 4).toFixed(1)}" y="${y + 14}">${esc(text)}</text>`);
  });
  return `<svg role="img" aria-labelledby="bridge-cap" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">${parts.join("")}</svg>`;
}

/** The trend: net capital, the requirement, excess and the 120 % level over the periods, oldest first, scale from zero. */
function trendChart(points: readonly TrendPoint[]): string {
  const w = 860;
  const h = 260;
  const [l, r, t, b] = [120, 60, 16, 50];
  const keys = [
    ["netCapital", "Net capital", "l1"],
    ["requirement", "Minimum requirement", "l2"],
    ["excess", "Excess net capital", "l3"],
    ["earlyWarning", `${ratePct(RATES.earlyWarningMinimum)} of the minimum`, "l4"],
  ] as const;
  const max = Math.max(1, ...points.flatMap((p) => keys.map(([k]) => num(p[k])))) * 1.1;
  const x = (i: number) => l + (points.length === 1 ? 0 : (i / (points.length - 1)) * (w - l - r));
  const y = (v: number) => t + (1 - Math.max(0, v) / max) * (h - t - b);
  const parts: string[] = [`<line class="axis" x1="${l}" y1="${y(0)}" x2="${w - r}" y2="${y(0)}"/>`, `<line class="axis" x1="${l}" y1="${t}" x2="${l}" y2="${y(0)}"/>`, `<text x="${l - 8}" y="${y(0) + 4}" text-anchor="end">0</text>`];
  // The top of the scale, labelled with the largest figure itself (exact, from the figures' strings).
  const figures = points.flatMap((p) => keys.map(([k]) => p[k])).filter((v): v is string => v !== null);
  const largest = figures.length ? D.max(...figures) : new D(0);
  parts.push(`<text x="${l - 8}" y="${y(largest.toNumber()) + 4}" text-anchor="end">${esc(formatAmount(largest, "dollars"))}</text>`);
  points.forEach((p, i) => parts.push(`<text x="${x(i).toFixed(1)}" y="${h - b + 16}" text-anchor="middle">${esc(p.label)}</text>`));
  keys.forEach(([k, name, cls], j) => {
    const pts = points.map((p, i) => (p[k] === null ? null : `${x(i).toFixed(1)},${y(num(p[k])).toFixed(1)}`)).filter(Boolean);
    if (pts.length) parts.push(`<polyline class="series ${cls}" points="${pts.join(" ")}"><title>${esc(name)}</title></polyline>`);
    parts.push(`<line class="series ${cls}" x1="${l + j * 175}" y1="${h - 12}" x2="${l + j * 175 + 24}" y2="${h - 12}"/><text x="${l + j * 175 + 30}" y="${h - 8}">${esc(name)}</text>`);
  });
  return `<svg role="img" aria-labelledby="trend-cap" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">${parts.join("")}</svg>`;
}

/** Render the pack (see the module comment). */
export function reviewHtml(p: ReviewPack): string {
  const c = p.cover;
  const out: string[] = [];
  const title = `${c.firm}: ${c.form}${c.periodEnd ? `, ${c.periodEnd}` : ""}: review workpaper`;
  out.push(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><style>${CSS}</style></head><body>`);

  // 1. Cover.
  out.push(`<section class="first" id="cover"><h1>${esc(c.firm)}</h1><p><strong>${esc(c.form)}</strong>${c.periodEnd ? `, period ending ${esc(c.periodEnd)}` : ""}. Review workpaper.</p>`);
  out.push(`<table><tbody><tr><th>Amounts</th><td>in dollars (the report's figures were printed in ${esc(c.units)})</td></tr><tr><th>FOCUS Workbench</th><td>version ${esc(c.version)}; rule set ${esc(c.rulesVersion)}</td></tr><tr><th>Made</th><td>${esc(c.madeAt)}</td></tr></tbody></table>`);
  out.push(`<table class="files"><caption>Input files</caption><thead><tr><th>file</th><th>role</th><th>SHA-256</th></tr></thead><tbody>${c.files.map((f) => `<tr><td>${esc(f.name)}</td><td>${esc(f.role)}</td><td>${esc(f.sha256)}</td></tr>`).join("")}</tbody></table></section>`);

  // 2. Capital at a glance.
  out.push(`<section id="capital"><h2>Capital at a glance</h2>`);
  p.capital.measures.forEach((m, i) => {
    out.push(`<h3 id="m${i}-cap">${esc(m.title)}</h3>`);
    if (m.note) out.push(`<p class="muted">${esc(m.note)}</p>`);
    if (m.value !== null && m.thresholds.length) out.push(measureChart(m, i));
    out.push(`<table><caption>${esc(m.title)}: the figures</caption><thead><tr><th>measure or level</th><th class="n">amount</th><th class="n">margin</th><th class="n">margin %</th><th>citation</th></tr></thead><tbody>`);
    out.push(`<tr><td>${esc(m.valueLabel)}${m.basis === "implied" ? " (implied by other figures)" : m.basis === "recomputed" ? " (from its lines)" : ""}</td><td class="n">${esc(money(m.value))}</td><td></td><td></td><td></td></tr>`);
    for (const t of m.thresholds) {
      out.push(`<tr><td>${esc(t.label)}</td><td class="n">${esc(money(t.amount))}</td><td class="n ${t.breached ? "bad" : "ok"}">${esc(signed(t.margin))}</td><td class="n">${t.marginPct === null ? "—" : `${esc(t.marginPct)}%`}</td><td>${esc(t.citation)}</td></tr>`);
    }
    out.push(`</tbody></table>`);
  });
  out.push(`<table><caption>Net capital summary</caption><thead><tr><th>line</th><th class="n">figure</th><th>basis</th></tr></thead><tbody>${p.capital.summary.map((l) => `<tr><td>${esc(l.label)} (${esc(l.item)})</td><td class="n">${esc(money(l.figure))}</td><td>${esc(l.basis)}</td></tr>`).join("")}</tbody></table></section>`);

  // 3. Notices.
  out.push(`<section id="notices"><h2>Notices under Rule 17a-11</h2>`);
  if (!p.notices.notices.length) out.push(`<div class="notice none"><p>${esc(p.notices.none ?? "")}</p></div>`);
  for (const n of p.notices.notices) {
    out.push(`<div class="notice"><h3>${esc(n.paragraph)}: ${esc(n.title)}</h3><blockquote>“${esc(n.quote)}”</blockquote><p><strong>Due:</strong> ${esc(n.due)}.</p><p><strong>Draft notice</strong> (nothing is sent; edit before use):</p><div class="draft">${esc(n.draft)}</div></div>`);
  }
  out.push(`</section>`);

  // 4. Findings.
  out.push(`<section id="findings"><h2>Findings</h2><p>${p.findings.failing} failing, ${p.findings.cannotEvaluate} cannot evaluate, ${p.findings.passing} passing.</p>`);
  for (const page of p.findings.pages) {
    out.push(`<h3>${esc(page.title)}</h3><p class="muted">${page.passing} passing</p>`);
    if (!page.findings.length) continue;
    out.push(`<table><thead><tr><th>rule</th><th>status</th><th>formula and message</th><th class="n">expected</th><th class="n">actual</th><th class="n">difference</th><th>citation</th></tr></thead><tbody>`);
    for (const f of page.findings) {
      const cls = f.status === "fail" ? (f.severity === "error" ? "bad" : "warn") : "muted";
      out.push(
        `<tr><td>${esc(f.rule)}</td><td class="${cls}">${esc(f.status === "fail" ? (f.severity === "error" ? "FAIL" : "warning") : "cannot evaluate")}</td><td>${f.formula ? `<code>${esc(f.formula)}</code><br>` : ""}${esc(f.message)}</td><td class="n">${esc(shownFigure(f.expected))}</td><td class="n">${esc(shownFigure(f.actual))}</td><td class="n">${esc(shownFigure(f.difference))}</td><td>${esc(f.citation)}</td></tr>`,
      );
    }
    out.push(`</tbody></table>`);
  }
  out.push(`</section>`);

  // 5. Against the prior period(s).
  if (p.prior.comparison || p.prior.trend) {
    out.push(`<section id="prior"><h2>Against the prior period${p.prior.trend ? "s" : ""}</h2>`);
    const cmp = p.prior.comparison;
    if (cmp) {
      out.push(`<p>Compared with ${esc(cmp.prior)}: ${cmp.changes.length} flagged change${cmp.changes.length === 1 ? "" : "s"} (above $10,000 and 10%).</p>`);
      if (cmp.changes.length) {
        out.push(`<table><thead><tr><th>item</th><th>label</th><th class="n">before</th><th class="n">after</th><th class="n">change</th><th class="n">%</th></tr></thead><tbody>`);
        for (const x of cmp.changes) out.push(`<tr><td>${esc(x.item)}</td><td>${esc(x.label)}</td><td class="n">${esc(money(x.before))}</td><td class="n">${esc(money(x.after))}</td><td class="n">${esc(signed(x.change))}</td><td class="n">${x.changePct === null ? "—" : `${esc(x.changePct)}%`}</td></tr>`);
        out.push(`</tbody></table>`);
      }
      for (const n of cmp.notCompared) out.push(`<p class="muted">Not compared: ${esc(n)}</p>`);
      if (cmp.bridge) {
        out.push(`<h3 id="bridge-cap">${esc(cmp.bridge.label)}: bridge from ${esc(cmp.prior)}</h3>`, waterfall(cmp.bridge));
        out.push(`<table><caption>The bridge: the figures</caption><tbody><tr><td>before</td><td class="n">${esc(money(cmp.bridge.before))}</td></tr>`);
        for (const s of cmp.bridge.steps) out.push(`<tr><td>${esc(s.label)} (${esc(s.items.join(", "))})</td><td class="n">${esc(signed(s.change))}</td></tr>`);
        out.push(`<tr><td>after</td><td class="n">${esc(money(cmp.bridge.after))}</td></tr></tbody></table>`);
      } else out.push(`<p class="muted">No net capital bridge: a report does not give net capital or its lines.</p>`);
    }
    if (p.prior.trend) {
      out.push(`<h3 id="trend-cap">Net capital, the requirement, excess and the ${ratePct(RATES.earlyWarningMinimum)} level, oldest to newest</h3>`, trendChart(p.prior.trend));
      out.push(`<table><caption>The trend: the figures</caption><thead><tr><th>period</th><th class="n">net capital</th><th class="n">minimum requirement</th><th class="n">excess</th><th class="n">${ratePct(RATES.earlyWarningMinimum)} of the minimum</th></tr></thead><tbody>`);
      for (const t of p.prior.trend) out.push(`<tr><td>${esc(t.label)}</td><td class="n">${esc(money(t.netCapital))}</td><td class="n">${esc(money(t.requirement))}</td><td class="n">${esc(money(t.excess))}</td><td class="n">${esc(money(t.earlyWarning))}</td></tr>`);
      out.push(`</tbody></table>`);
    }
    out.push(`</section>`);
  }

  // 6. Sources.
  if (p.sources) {
    out.push(`<section id="sources"><h2>Sources: the trial balance behind the lines</h2>`);
    if (!p.sources.lines.length) out.push(`<p class="muted">No line fails or moved.</p>`);
    for (const l of p.sources.lines) {
      out.push(`<table><caption>${esc(l.item)} ${esc(l.label)} (${esc(l.why)})</caption><tbody>${l.accounts.map((a) => `<tr><td>${esc(a.account)}</td><td>${esc(a.name)}</td><td class="n">${esc(money(new D(a.balance).toFixed(0)))}</td></tr>`).join("")}${l.more ? `<tr><td colspan="3" class="muted">and ${l.more} more accounts</td></tr>` : ""}</tbody></table>`);
    }
    out.push(`<h3>Unmapped accounts</h3>`);
    out.push(p.sources.unmapped.length ? `<table><tbody>${p.sources.unmapped.map((a) => `<tr><td>${esc(a.account)}</td><td>${esc(a.name)}</td><td class="n">${esc(money(new D(a.balance).toFixed(0)))}</td></tr>`).join("")}</tbody></table>` : `<p>None: every account with a balance is mapped.</p>`);
    out.push(`</section>`);
  }

  // 7. Reserve.
  if (p.reserve) {
    out.push(`<section id="reserve"><h2>Reserve formula (Rule 15c3-3, Exhibit A)</h2><p>Computed ${esc(p.reserve.frequency)}.</p><table><tbody>${p.reserve.lines.map((l) => `<tr><td>${esc(l.label)} (${esc(l.item)})</td><td class="n">${esc(money(l.figure))}</td></tr>`).join("")}</tbody></table></section>`);
  }

  // 8. Sign-off.
  out.push(`<section id="signoff"><h2>Sign-off</h2><div class="sign"><div><span>Prepared by</span></div><div><span>Reviewed by</span></div><div><span>Date</span></div></div></section>`);
  out.push(`</body></html>`);
  return out.join("\n");
}

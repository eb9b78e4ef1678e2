/**
 * The Check tab: check the workbook (the checker's script, loaded on first Check), the capital
 * summary with its bars and notices, the findings (a finding selects its cells and, for a workbook
 * built from a trial balance, the accounts behind it), Clear, the review pack and the workbook's
 * settings. Its script is fetched when the tab is first opened.
 *
 * Check as I edit (a setting of the workbook, off by default): the tab listens to the workbook's
 * changes (WorksheetCollection.onChanged, ExcelApi 1.9) and, 500 ms after the last one, checks again
 * in at most two syncs (src/excel/recheck.ts): the summary, the findings and the highlights follow
 * the edit without a click, and the summary says for a few seconds what moved. Every change counts,
 * not only a mapped cell's or the trial balance's: a FOCUS cell's formula may read any cell, and a
 * re-check in which no mapped value moved costs one sync and changes nothing. The add-in's own
 * edits never trigger one (src/excel/events.ts).
 */
import { catalogue, SECTION_ORDER, sectionTitle, whatMoved, type Finding, type FormId, type ReserveFrequency, type ReserveSummary, type Units, UNITS, type SummaryLine } from "../focus";
import type { WorkbookCheck } from "../excel/check";
import type { Measure } from "../focus/review/notices";
import { clearPreviousHighlights, describeHighlightNotes, describeRefusedClear, describeUnreadable } from "../excel/highlight";
import { selectCells } from "../excel/mapping";
import { saveSettings, type WorkbookSettings } from "../excel/settings";
import { ownChange } from "../excel/events";
import { fill, h } from "./dom";
import { CheckerUnavailable, describeError, ledgerModule, loadChecker, money, type PaneContext } from "./pane-common";

/** The pause after the last change before checking again (ms): a paste of 10,000 cells is one re-check. */
export const RECHECK_PAUSE_MS = 500;
/** How long the summary shows what moved (ms). */
const MOVED_SHOWN_MS = 6000;

const STATUS_LABEL: Record<Finding["status"], string> = {
  fail: "Fails",
  "cannot-evaluate": "Cannot evaluate",
  pass: "Passes",
  "not-applicable": "Not applicable",
};

/**
 * One measure of capital at a glance as a labelled bar: the figure drawn from zero, each level a
 * mark, and beneath it a legend naming the figure and every level with its margin (so the bar is
 * never a picture without a scale). The bar shows red when a level is breached.
 */
function gauge(m: Measure): HTMLElement {
  const value = Number(m.value);
  const levels = m.thresholds.map((t) => Number(t.amount));
  const top = Math.max(value, ...levels, 1) * 1.1; // drawing only: never money arithmetic
  const pct = (v: number) => `${Math.max(0, Math.min(100, (v / top) * 100)).toFixed(2)}%`;
  const breached = m.thresholds.some((t) => t.breached);
  // A figure the report does not give but other figures imply is drawn in grey and said so: never a plain pass.
  const state = breached ? "low" : m.basis === "implied" ? "implied" : "ok";
  const basisWords = m.basis === "implied" ? ", implied by other figures" : m.basis === "recomputed" ? ", from its lines" : "";
  const legend = (t: Measure["thresholds"][number]) => `${t.label} ${money(t.amount)}: margin ${money(t.margin)}${t.marginPct === null ? "" : ` (${t.marginPct}%)`}`;
  return h(
    "figure",
    { class: "gauge" },
    h("figcaption", {}, m.title),
    h(
      "div",
      { class: "bar", role: "img", "aria-label": `${m.valueLabel} ${money(m.value)}${basisWords} on a scale from 0; ${m.thresholds.map(legend).join("; ")}` },
      h("div", { class: `fill ${state}`, style: `width:${pct(value)}` }),
      ...m.thresholds.map((t) => h("div", { class: `mark${t.breached ? " breached" : ""}`, style: `left:${pct(Number(t.amount))}`, title: legend(t) })),
    ),
    h(
      "ul",
      { class: "legend" },
      h("li", {}, h("span", { class: `key fill ${state}` }), `${m.valueLabel} ${money(m.value)} (scale from 0${basisWords})`),
      ...m.thresholds.map((t) => h("li", { class: t.breached ? "low" : "" }, h("span", { class: "key mark" }), legend(t))),
    ),
  );
}

/** The Check tab (see the file's comment). */
export class CheckTab {
  private check: WorkbookCheck | null = null;
  private showPassing = false;
  private accountsView: HTMLElement | null = null;
  /** Check as I edit: listening (registered once per pane), the pending pause, a re-check running, another asked for meanwhile. */
  private watching = false;
  private pause: ReturnType<typeof setTimeout> | null = null;
  private rechecking: Promise<void> | null = null;
  private again = false;
  /** A co-author's change (source Remote) arrived since the last re-check. */
  private coauthored = false;
  /** What the last re-check moved ("net capital A → B; excess −Δ"), shown for a few seconds. */
  private moved: { text: string; until: number } | null = null;

  constructor(
    private readonly panel: HTMLElement,
    private readonly ctx: PaneContext,
  ) {}

  private get form(): FormId {
    return this.ctx.settings().form;
  }

  /** The settings changed elsewhere: the last check no longer applies. */
  forget(): void {
    this.check = null;
  }

  private async openFinding(f: Finding, cells: string[]): Promise<void> {
    if (cells.length) await this.ctx.goTo(cells);
    else this.ctx.say("None of this rule's items is mapped to a cell.");
    if (!this.ctx.ledger.built && !this.ctx.settings().ledger) return;
    await this.ctx.act("Finding the accounts…", async () => {
      const mod = await ledgerModule();
      const ledger = await this.ctx.host.run((ctx) => mod.readRecordedLedger(ctx));
      if (!ledger) {
        this.ctx.ledger.built = false;
        return;
      }
      const build = mod.buildLedger(this.form, ledger);
      const own = f.items.filter((c) => build.sources.has(c));
      const rows = [...new Set(own.flatMap((c) => build.sources.get(c)!.map((a) => ledger.rows.get(a.account)).filter((x): x is string => Boolean(x))))];
      this.accountsView = h(
        "section",
        { class: "ledger", id: "finding-accounts", "aria-label": `Accounts behind ${f.rule}` },
        h("h3", {}, `Accounts behind ${f.rule}`),
        ...own.map((c) =>
          h("p", {}, `${c}: `, build.sources.get(c)!.map((a) => `${a.account} ${a.name} ${money(a.balance.toFixed())}`).join("; ")),
        ),
      );
      this.render();
      if (rows.length) await this.ctx.host.run((ctx) => selectCells(ctx, rows, { multiAreaSelect: this.ctx.host.multiAreaSelect }));
      return own.length ? `${f.rule}: ${rows.length} trial balance row${rows.length === 1 ? "" : "s"} selected.` : `${f.rule}: no account of the trial balance is behind its items.`;
    });
  }



  /**
   * Listen to the workbook's changes (once per pane; the handler stays, and does nothing while the
   * setting is off). Registering needs a sync; a host without the event says so on the status line.
   */
  async watch(): Promise<void> {
    if (this.watching) return;
    this.watching = true;
    try {
      await this.ctx.host.run(async (ctx) => {
        ctx.workbook.worksheets.onChanged.add(async (args) => this.changed(args));
        await ctx.sync();
      });
    } catch (e) {
      this.watching = false;
      this.ctx.say(`Check as I edit is not available here: ${(e as Error)?.message ?? String(e)}`, "error");
    }
  }

  /** A change in the workbook: with the setting on and the change not the add-in's own, check again after the pause. */
  private changed(args: { source?: string; triggerSource?: string }): void {
    if (!this.ctx.settings().liveCheck || ownChange(args)) return;
    if (args.source === "Remote") this.coauthored = true;
    this.recheckAfterPause();
  }

  /** (Re)start the pause; the re-check runs when it ends. */
  private recheckAfterPause(): void {
    if (this.pause) clearTimeout(this.pause);
    this.pause = setTimeout(() => {
      this.pause = null;
      void this.recheck();
    }, RECHECK_PAUSE_MS);
  }

  /** Check again after edits: in two syncs from the last check, or the whole check when there is none yet. One at a time; edits meanwhile ask for one more. */
  private async recheck(): Promise<void> {
    if (this.rechecking) {
      this.again = true;
      return;
    }
    // Never beside another of the pane's actions on the workbook (a Check, Clear, a build): the
    // re-check reads the highlights the last check left, which such an action may be changing.
    if (this.ctx.busy()) {
      this.recheckAfterPause();
      return;
    }
    const run = async () => {
      const last = this.check;
      // No check yet, or the mapping changed since (a cell mapped, remapped or unmapped: names raise
      // no change event): the whole check, which reads the names again.
      const key = (cells: readonly { code: string; address: string | null }[]) => cells.map((c) => `${c.code}@${c.address ?? ""}`).sort().join("|");
      if (!last || key(last.read.cells) !== key(this.ctx.cells())) return this.checkNow();
      const who = this.coauthored ? "a co-author's edit" : "an edit";
      this.coauthored = false;
      try {
        // In the checker's script (the same chunk name), fetched with the pane.
        const { recheckWorkbook } = await import(/* webpackChunkName: "checker" */ "../excel/recheck").catch((e: unknown) => {
          throw new CheckerUnavailable(e);
        });
        const r = await this.ctx.host.run((ctx) => recheckWorkbook(ctx, last));
        this.check = r.check;
        this.ctx.setCells(r.check.read.cells);
        const moved = whatMoved(last.result.netCapital, r.check.result.netCapital);
        this.moved = moved ? { text: moved, until: Date.now() + MOVED_SHOWN_MS } : null;
        if (moved) setTimeout(() => this.expireMoved(), MOVED_SHOWN_MS + 50);
        this.ctx.redraw();
        const s = r.check.result.summary;
        this.ctx.say(`Checked again after ${who}: ${s.fail} fail, ${s.cannotEvaluate} cannot evaluate, ${s.pass} pass.${r.fellBack ? ` The whole check ran: ${r.fellBack}.` : ""}`);
      } catch (e) {
        this.ctx.say(`Could not check again after the edit: ${describeError(e)} Press Check workbook.`, "error");
      }
    };
    this.rechecking = run().finally(() => {
      this.rechecking = null;
      if (this.again) {
        this.again = false;
        void this.recheck();
      }
    });
    await this.rechecking;
  }

  private expireMoved(): void {
    if (this.moved && Date.now() >= this.moved.until) {
      this.moved = null;
      document.getElementById("what-moved")?.remove();
    }
  }

  /** Check workbook (the button): a re-check under way ends first (see recheck). */
  private async runCheck(): Promise<void> {
    await this.rechecking;
    await this.checkNow();
  }

  private async checkNow(): Promise<void> {
    await this.ctx.act("Checking…", async () => {
      const { checkWorkbook } = await loadChecker();
      // One batch of 4 syncs: the earlier highlights are found while the workbook is read and
      // removed just before the new ones are added. The form is the workbook's saved setting, read
      // by the check itself (never a stale copy).
      const check = await this.ctx.host.run((ctx) => checkWorkbook(ctx, { mergedAreas: this.ctx.host.mergedAreas, clearFirst: true }));
      this.check = check;
      this.ctx.setCells(check.read.cells);
      this.ctx.redraw();
      const s = check.result.summary;
      return `Checked ${check.read.cells.length} mapped items: ${s.fail} fail, ${s.cannotEvaluate} cannot evaluate, ${s.pass} pass (${s.notApplicable} not applicable). ${check.highlight.applied.length} cells highlighted.${describeHighlightNotes(check.highlight, check.cleared)}`;
    });
  }

  /** The last review pack's link (Excel on the web), kept so it can be saved again. */
  private packLink: HTMLAnchorElement | null = null;

  /**
   * Make the review pack from the last check and the workbook's baselines, and offer it: a download
   * on Excel on the web, an Office dialog to print or save from elsewhere (see review-pack.ts).
   */
  private async reviewPack(): Promise<void> {
    const check = this.check;
    if (!check) return;
    await this.ctx.act("Making the review pack…", async () => {
      let mod: typeof import("./review-pack");
      try {
        mod = await import(/* webpackChunkName: "review" */ "./review-pack");
      } catch (e) {
        throw new CheckerUnavailable(e, "The review pack's script", "press Review pack again");
      }
      const { html, name, pack } = await mod.makeReviewPack((b) => this.ctx.host.run(b), check, this.ctx.settings());
      const notices = pack.notices.notices.length ? ` It drafts ${pack.notices.notices.map((n) => n.paragraph).join(" and ")}.` : "";
      if (this.ctx.host.platform !== "OfficeOnline" && this.ctx.host.openDialog) {
        await this.ctx.host.openDialog(html);
        return `The review pack is open in a dialog: print it (or save it as PDF) or save it as HTML from there.${notices}`;
      }
      if (this.packLink) URL.revokeObjectURL(this.packLink.href);
      this.packLink = mod.downloadLink(html, name);
      this.render();
      this.packLink.click();
      return `The review pack ${name} is downloaded (open it in a browser; it works offline).${notices}`;
    });
  }

  private async clear(): Promise<void> {
    await this.rechecking;
    await this.ctx.act("Clearing highlights…", async () => {
      const r = await this.ctx.host.run((ctx) => clearPreviousHighlights(ctx));
      // The last check's highlights are gone: a re-check after the next edit adds what fails then,
      // rather than looking for them (and falling back to the whole check).
      if (this.check) this.check = { ...this.check, highlight: { ...this.check.highlight, applied: [] } };
      return `Removed ${r.removed} highlight${r.removed === 1 ? "" : "s"}; the workbook's own formatting is as it was.${r.refused.length ? ` ${describeRefusedClear(r.refused)}` : ""}${r.unreadable.length ? ` ${describeUnreadable(r.unreadable)}` : ""}`;
    });
  }

  private async save(changes: Omit<WorkbookSettings, "ledger">): Promise<void> {
    await this.ctx.act("Saving settings…", async () => {
      await this.ctx.host.run((ctx) => saveSettings(ctx, changes));
      this.ctx.setSettings({ ...this.ctx.settings(), ...changes });
      this.check = null;
      this.ctx.redraw();
      if (changes.liveCheck) void this.watch();
      return `Settings saved in this workbook.${changes.liveCheck ? " Each change is now checked half a second after it is made." : ""}`;
    });
  }

  render(): void {
    const formSelect = h(
      "select",
      { id: "setting-form" },
      h("option", { value: "part-ii", selected: this.form === "part-ii" }, "Part II"),
      h("option", { value: "part-iia", selected: this.form === "part-iia" }, "Part IIA"),
    );
    const firstYear = h("input", { id: "setting-first-year", type: "checkbox", checked: this.ctx.settings().firstYear });
    const frequency = h(
      "select",
      { id: "setting-frequency" },
      h("option", { value: "weekly", selected: this.ctx.settings().frequency === "weekly" }, "Weekly"),
      h("option", { value: "monthly", selected: this.ctx.settings().frequency === "monthly" }, "Monthly (105%; basic standard only)"),
      h("option", { value: "daily", selected: this.ctx.settings().frequency === "daily" }, "Daily (alternative standard: 2% reduction)"),
    );
    const partial = h("input", { id: "setting-partial", type: "checkbox", checked: this.ctx.settings().partial });
    const standard = h(
      "select",
      { id: "setting-standard" },
      h("option", { value: "", selected: this.ctx.settings().standard === null }, "Read from the lines"),
      h("option", { value: "basic", selected: this.ctx.settings().standard === "basic" }, "Aggregate indebtedness (basic)"),
      h("option", { value: "alternative", selected: this.ctx.settings().standard === "alternative" }, "Alternative (2% of aggregate debit items)"),
    );
    const units = h(
      "select",
      { id: "setting-units" },
      ...UNITS.map((u) => h("option", { value: u, selected: this.ctx.settings().units === u }, u[0].toUpperCase() + u.slice(1))),
    );
    const live = h("input", { id: "setting-live", type: "checkbox", checked: Boolean(this.ctx.settings().liveCheck) });
    const tolerance = h("input", { id: "setting-tolerance", type: "number", min: "0", max: "1000", step: "1", value: String(this.ctx.settings().tolerance) });
    const settings = h(
      "details",
      { class: "settings" },
      h("summary", {}, "Settings of this workbook"),
      h("label", { for: "setting-form" }, "Form"),
      formSelect,
      h("label", { for: "setting-tolerance" }, "Tolerance on lines derived by a percentage (whole dollars)"),
      tolerance,
      h("div", { class: "row" }, firstYear, h("label", { for: "setting-first-year" }, "The firm is in its first 12 months of business (A.I. limit 800%)")),
      h("label", { for: "setting-frequency" }, "Reserve formula computed (15c3-3(e)(3))"),
      frequency,
      h("label", { for: "setting-standard" }, "Ratio standard (15c3-1(a)(1))"),
      standard,
      h("label", { for: "setting-units" }, "Amounts are in (each figure then carries ± half its last printed digit)"),
      units,
      h("div", { class: "row" }, partial, h("label", { for: "setting-partial" }, "Partial report (a note, one page, a draft): blank boxes are unknown, not zero")),
      h("div", { class: "row" }, live, h("label", { for: "setting-live" }, "Check as I edit: check again half a second after each change (summary, findings and highlights)")),
      h(
        "button",
        {
          id: "save-settings",
          onclick: () => {
            const t = Number(tolerance.value);
            if (!Number.isInteger(t) || t < 0 || t > 1000) {
              this.ctx.say("The tolerance must be a whole number of dollars from 0 to 1,000.", "error");
              return;
            }
            void this.save({
              form: formSelect.value as FormId,
              tolerance: t,
              firstYear: firstYear.checked,
              frequency: frequency.value as ReserveFrequency,
              partial: partial.checked,
              standard: standard.value === "basic" || standard.value === "alternative" ? standard.value : null,
              units: units.value as Units,
              liveCheck: live.checked,
            });
          },
        },
        "Save settings",
      ),
    );
    const showPassing = h("input", { id: "show-passing", type: "checkbox", checked: this.showPassing });
    showPassing.addEventListener("change", () => {
      this.showPassing = showPassing.checked;
      this.render();
    });
    fill(
      this.panel,
      h("h2", {}, "Check the workbook"),
      h("p", { class: "help" }, "Reads every mapped cell, checks the form's arithmetic and highlights the cells that do not reconcile. The check never changes a value; Clear removes its highlights and nothing else."),
      h(
        "div",
        { class: "row" },
        h("button", { id: "run-check", class: "primary", onclick: () => this.runCheck() }, "Check workbook"),
        h("button", { id: "clear-highlights", onclick: () => this.clear() }, "Clear highlights"),
        this.check ? h("button", { id: "review-pack", onclick: () => this.reviewPack(), title: "One self-contained HTML workpaper: capital at a glance, Rule 17a-11 notices, findings, the baselines as prior periods, sign-off" }, "Review pack") : null,
      ),
      this.packLink ? h("p", { class: "pack-links" }, this.packLink) : null,
      this.check ? this.summaryCard(this.check) : null,
      this.accountsView,
      this.check ? h("div", { class: "row" }, showPassing, h("label", { for: "show-passing" }, "Show passing and not applicable")) : null,
      this.check ? this.findingsList(this.check) : null,
      settings,
    );
  }

  private summaryCard(check: WorkbookCheck): HTMLElement {
    const s = check.result.netCapital;
    const line = (label: string, l: SummaryLine | undefined, percent = false) =>
      !l || (l.basis === "unavailable" && l.item === "")
        ? null
        : h(
        "div",
        { class: "sline" },
        h("dt", {}, `${label} (${l.item})`),
        h(
          "dd",
          {},
          // The reported figure first, as the findings state it; the lines' figure beside it when they differ.
          h("span", { class: "figure" }, money(l.reported ?? l.computed, percent)),
          l.basis === "implied" ? h("span", { class: "badge", title: l.note }, "implied") : null,
          l.reported === null && l.computed !== null ? h("span", { class: "badge" }, "blank on the form") : null,
          l.reported !== null && l.computed !== null && l.difference !== null && !/^-?0(\.0+)?$/.test(l.difference) ? h("span", { class: "badge differs", title: l.note }, `its lines give ${money(l.computed, percent)}`) : null,
        ),
      );
    // One labelled bar per measure (the review pack's, computed by the checker with the rule's
    // rates): the figure from zero, each level marked and named with its margin.
    const gauges = check.measures.filter((m) => m.value !== null && m.thresholds.length).map((m) => gauge(m));
    return h(
      "section",
      { class: "summary", "aria-labelledby": "summary-title" },
      h("h3", { id: "summary-title" }, "Capital summary"),
      this.moved && Date.now() < this.moved.until ? h("p", { id: "what-moved", class: "moved", role: "status" }, `After the edit: ${this.moved.text}`) : null,
      check.notices.length
        ? h(
            "div",
            { class: "notices", role: "alert" },
            h("strong", {}, "Notice under Rule 17a-11"),
            ...check.notices.map((n) => h("p", {}, `${n.paragraph}: ${n.title}. Notice is due ${n.due}. The review pack drafts it with the figures.`)),
          )
        : null,
      ...gauges,
      h(
        "dl",
        {},
        line("Net capital", s.netCapital),
        line("Minimum requirement", s.minimumRequirement),
        line("CFTC minimum (futures commission merchant)", s.cftcMinimum),
        line("Excess net capital", s.excessNetCapital),
        line("Over 120% of minimum", s.earlyWarningMinimum),
        line("Over 5% of aggregate debits", s.earlyWarningDebits),
        line("Tentative net capital", s.tentativeNetCapital),
        line("Excess net capital at 1000%", s.excessNetCapitalAt1000),
      ),
      s.reserve ? this.reserveBlock(s.reserve, line) : null,
    );
  }

  /** The reserve formula's lines (15c3-3, Exhibit A), each as computed with its form item. */
  private reserveBlock(r: ReserveSummary, line: (label: string, l: SummaryLine | undefined) => HTMLElement | null): HTMLElement {
    const after = r.excessOrDeficiency;
    const short = after.computed !== null && Number(after.computed) < 0;
    return h(
      "div",
      { class: "reserve" },
      h("h4", { id: "reserve-title" }, `Reserve formula (15c3-3, Exhibit A; ${r.frequency})`),
      h(
        "dl",
        { "aria-labelledby": "reserve-title" },
        line("Total credits", r.totalCredits),
        line("Aggregate debit items", r.aggregateDebitItems),
        line("Reduction of debit items", r.reduction),
        line("Total 15c3-3 debits", r.totalDebits),
        line("Reserve requirement", r.requirement),
        line("On deposit", r.onDeposit),
        line("After the deposit", r.afterDeposit),
        after.computed === null
          ? null
          : h(
              "div",
              { class: "sline" },
              h("dt", {}, short ? "Deficiency after the deposit" : "Excess after the deposit"),
              h("dd", { class: short ? "low" : "" }, money(after.computed)),
            ),
      ),
    );
  }

  private findingsList(check: WorkbookCheck): HTMLElement {
    const cat = catalogue(this.form);
    const addressOf = new Map(check.read.cells.filter((c) => c.address).map((c) => [c.code, c.address as string]));
    const shown = check.result.findings.filter((f) => this.showPassing || f.status === "fail" || f.status === "cannot-evaluate");
    // A total whose lines are all blank "expects" 0: say why, not just the zero (3740 with every haircut line blank).
    const raw = new Map(check.read.entries.map((e) => [e.code, e.raw]));
    const linesBlank = (f: Finding) => f.status === "fail" && f.expected === "0" && f.items.length > 1 && f.items.slice(1).every((c) => (raw.get(c)?.kind ?? "blank") === "blank");
    const groups = SECTION_ORDER.filter((s) => shown.some((f) => f.section === s)).map((s) =>
      h(
        "div",
        { class: "group" },
        h("h3", {}, sectionTitle(this.form, s)),
        h(
          "ul",
          { class: "findings" },
          ...shown
            .filter((f) => f.section === s)
            .map((f) => {
              const cells = f.items.map((c) => addressOf.get(c)).filter((a): a is string => Boolean(a));
              const percent = cat.get(f.items[0])?.kind === "percent";
              return h(
                "li",
                { class: `finding ${f.status}` },
                h(
                  "button",
                  {
                    class: "finding-button",
                    "data-rule": f.rule,
                    "aria-label": `${STATUS_LABEL[f.status]}: ${f.rule}. ${f.message}${cells.length ? " Select its cells." : ""}`,
                    onclick: () => this.openFinding(f, cells),
                  },
                  h("span", { class: `pill ${f.status}` }, STATUS_LABEL[f.status]),
                  f.severity === "warning" ? h("span", { class: "badge" }, "warning") : null,
                  " ",
                  h("strong", {}, f.rule),
                  " ",
                  f.status === "pass" || f.status === "not-applicable" ? f.title : f.message,
                ),
                h(
                  "dl",
                  { class: "numbers" },
                  h("dt", {}, "Expected"),
                  linesBlank(f) ? h("dd", { class: "words" }, "0: its lines are blank") : h("dd", {}, money(f.expected?.replace(/^[<>]=\s*/, "") ?? null, percent)),
                  h("dt", {}, "Actual"),
                  h("dd", {}, money(f.actual, percent)),
                  h("dt", {}, "Difference"),
                  h("dd", {}, money(f.difference, percent)),
                ),
                h(
                  "details",
                  {},
                  h("summary", {}, "Formula and citation"),
                  h("p", { class: "formula" }, f.formula),
                  h("ul", { class: "items" }, ...f.items.map((c) => h("li", {}, `${c} ${cat.get(c)?.label ?? ""}${addressOf.get(c) ? ` (${addressOf.get(c)})` : ""}`))),
                  h("p", { class: "citation" }, f.citation),
                  f.note ? h("p", { class: "note" }, f.note) : null,
                  f.unconfirmed.length ? h("p", { class: "note" }, `Unconfirmed code${f.unconfirmed.length > 1 ? "s" : ""}: ${f.unconfirmed.join(", ")}`) : null,
                ),
              );
            }),
        ),
      ),
    );
    return h("div", { id: "findings" }, ...groups);
  }
}

/**
 * The pane's *Review pack*: the same workpaper as `focus review` (src/focus/review), made from the
 * workbook's checked values, with the baselines saved in the workbook as the prior periods. Loaded
 * as a script of its own the first time the button is pressed.
 *
 * Saving: Excel on the web downloads the file (an anchor with `download`); Office on the desktop
 * and on Mac does not reliably let an add-in download a file (OfficeDev/office-js #1511, #2700,
 * #3385), so there the pack opens in an Office dialog (review.html, DialogApi 1.2) from which the
 * user prints it or saves it.
 */
import { checkReport, type InputEntry } from "../focus";
import { reviewHtml, reviewPack, type PackFile, type PackPeriod, type ReviewPack } from "../focus/review";
import { readBaselines } from "../excel/baselines";
import type { WorkbookCheck } from "../excel/check";
import type { WorkbookSettings } from "../excel/settings";

declare const __FOCUS_VERSION__: string | undefined;

/** The product's version, written into the bundle by webpack (DefinePlugin); "dev" elsewhere. */
export const VERSION = typeof __FOCUS_VERSION__ === "string" ? __FOCUS_VERSION__ : "dev";

/** SHA-256 (hex) of a text, by the browser's Web Crypto. */
async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A name for the saved file: review-<firm>-<period>.html, letters, digits and dashes only. */
export function packFileName(pack: ReviewPack): string {
  const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return `review-${[slug(pack.cover.firm).slice(0, 40), pack.cover.periodEnd ? slug(pack.cover.periodEnd) : ""].filter(Boolean).join("-")}.html`;
}

/**
 * Make the pack from the last check and the workbook's baselines (one sync to read them). The
 * workbook's "file" in the cover is the values the check read, with their SHA-256 (the pane cannot
 * read the workbook's bytes); each baseline is a prior period, labelled with its name.
 */
export async function makeReviewPack(
  run: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>,
  check: WorkbookCheck,
  settings: WorkbookSettings,
): Promise<{ html: string; name: string; pack: ReviewPack }> {
  const baselines = await run((ctx) => readBaselines(ctx));
  const options = { firstYear: settings.firstYear, frequency: settings.frequency, partial: settings.partial, ...(settings.standard ? { standard: settings.standard } : {}) };
  const priors: PackPeriod[] = baselines.map((b) => ({
    label: b.label,
    result: checkReport(b.form, b.entries.map((e): InputEntry => ({ code: e.code, raw: e.raw, where: `baseline "${b.label}"` })), { ...options, units: b.units }),
  }));
  const values = JSON.stringify(check.read.entries.map((e) => [e.code, e.raw]));
  const files: PackFile[] = [
    { name: "the open workbook: the mapped values the check read", role: "report", sha256: await sha256(values) },
    ...(await Promise.all(baselines.map(async (b): Promise<PackFile> => ({ name: `baseline "${b.label}" saved ${b.savedAt}`, role: "prior", sha256: await sha256(JSON.stringify(b.entries.map((e) => [e.code, e.raw]))) })))),
  ];
  const r = check.result;
  const pack = reviewPack({
    report: { label: "this workbook", result: r },
    priors,
    files,
    version: VERSION,
    rulesVersion: `${VERSION} (the add-in's rules of ${r.form === "part-ii" ? "Part II" : "Part IIA"})`,
    madeAt: new Date().toISOString(),
    units: r.evaluation.report.units,
  });
  return { html: reviewHtml(pack), name: packFileName(pack), pack };
}

/** Offer the file as a download: an object URL on an anchor with `download`, clicked. Returns the anchor (kept in the pane as a link). */
export function downloadLink(html: string, name: string): HTMLAnchorElement {
  const url = URL.createObjectURL(new Blob([html], { type: "text/html;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.textContent = `Save ${name} again`;
  a.id = "review-pack-link";
  return a;
}

/**
 * What the pane's shell (app.ts) and its tabs share: the host, the context a tab is given, error
 * words, and the scripts loaded on first use (the checker, the ledger's adapter). No tab imports
 * another: each imports this and the adapter in src/excel.
 */
import { D, formatAmount } from "../focus/report";
import type { WorkbookSettings } from "../excel/settings";
import { MappingError } from "../excel/mapping";
import type { MappedCell } from "../excel/read";

/** What the pane needs from its host: a way to run a batch against the workbook. */
export interface Host {
  /** Excel.run (with delayForCellEdit) in the add-in; a fake in tests. */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** ExcelApi 1.13 is available (names on merged cells). */
  mergedAreas: boolean;
  /** ExcelApi 1.18 is available (RangeAreas.select: a finding's cells selected together). */
  multiAreaSelect?: boolean;
  /** Office.onReady's platform ("OfficeOnline", "PC", "Mac", …): the web can download a file, the others cannot reliably. */
  platform?: string;
  /** Show an HTML document in an Office dialog (DialogApi 1.2), where the pane cannot download; absent when the host has no such dialog. */
  openDialog?: (html: string) => Promise<void>;
}

/** What a tab is given by the shell: the host, the status line, the workbook's mapping and settings, and what tabs share. */
export interface PaneContext {
  host: Host;
  /** Run `f` with `busy` on the status line; its result (or its error, in words) replaces it. */
  act(busy: string, f: () => Promise<string | void>): Promise<void>;
  say(text: string, kind?: "info" | "error"): void;
  settings(): WorkbookSettings;
  setSettings(s: WorkbookSettings): void;
  cells(): MappedCell[];
  setCells(cells: MappedCell[]): void;
  /** Re-read the mapping and settings and redraw every tab (with the status line). */
  refresh(): Promise<void>;
  /** Re-read the mapping and settings and redraw, inside an action. */
  reload(): Promise<void>;
  /** Redraw every tab that has been opened. */
  redraw(): void;
  /** Select cells of the workbook and say which. */
  goTo(addresses: string[]): Promise<void>;
  /** The workbook records a trial balance (a build happened here, or the record was found). */
  ledger: { built: boolean };
  /** An action (`act`) is running: a re-check after an edit waits until it ends. */
  busy(): boolean;
}

/** The checker's script could not be fetched (the add-in's server or the network is down). */
export class CheckerUnavailable extends Error {
  constructor(cause: unknown, what = "The checker", retry = "press Check again") {
    super(`${what} could not be loaded (${(cause as Error)?.message ?? String(cause)}). The workbook was not changed; check the connection to the add-in's server and ${retry}.`);
    this.name = "CheckerUnavailable";
  }
}

/**
 * The checker (the rule sets, the evaluator, the capital summary) is a script of its own: the pane
 * and the custom functions start without it, and the pane fetches it once it has shown the
 * workbook's mapping, so the first Check rarely waits for it. A failed load rejects with
 * `CheckerUnavailable`; the next call tries again. (webpack's `webpackPrefetch` hint does nothing
 * here: with the pane's entry depending on the functions' entry, the prefetch handler is never
 * installed, as the browser test showed.)
 */
export function loadChecker(): Promise<typeof import("../excel/check")> {
  return import(/* webpackChunkName: "checker" */ "../excel/check").catch((e: unknown) => {
    throw new CheckerUnavailable(e);
  });
}

/** The ledger's adapter (a script of its own, loaded on first use: Build, and a finding traced to its accounts). */
export function ledgerModule(): Promise<typeof import("../excel/ledger-sheet")> {
  return import(/* webpackChunkName: "ledger" */ "../excel/ledger-sheet").catch((e: unknown) => {
    throw new CheckerUnavailable(e, "The ledger's script", "try again");
  });
}

/** A plain amount as the form prints it ("—" for none). */
export function money(plain: string | null, percent = false): string {
  if (plain === null || !/^-?\d+(\.\d+)?$/.test(plain)) return "—";
  return formatAmount(new D(plain), percent ? "percent" : "dollars");
}

/** Turn an Office.js or adapter failure into a sentence for the user. */
export function describeError(e: unknown): string {
  if (e instanceof MappingError || e instanceof CheckerUnavailable) return e.message;
  // A report file or threshold the Compare tab cannot use (its own script defines the class).
  if ((e as Error)?.name === "UnusableInput") return (e as Error).message;
  const code = (e as { code?: string })?.code;
  // Excel.run waits while a cell is being edited (delayForCellEdit), so InvalidOperationInCellEditMode
  // does not reach here. When another workbook takes the focus during a call, getSelectedRange
  // fails with InvalidSelection and select/activate/add with GeneralException (learn.microsoft.com,
  // "Troubleshooting Excel add-ins": "Another workbook has focus").
  if (code === "InvalidSelection") return "Excel could not read the selection: another workbook or window has the focus. Click a cell in this workbook, then try again.";
  if (code === "GeneralException") return "Excel could not complete the request; this happens when another workbook takes the focus while the add-in works. Click in this workbook and try again.";
  if (code === "AccessDenied") return "Excel refused the change: the sheet or workbook is protected.";
  // Excel on the web refuses a request or response above 5 MB (office.js CoreErrorCodes); the
  // trial balance is read in parts, so this reaches the pane only from an unusually large range.
  if (code === "ResponsePayloadSizeLimitExceeded" || code === "RequestPayloadSizeLimitExceeded") {
    return "Excel on the web will not pass more than 5 MB at once: select a smaller range (only the trial balance's own columns), or use Excel on the desktop.";
  }
  if (code === "ApiNotFound") return "This version of Excel lacks a feature the add-in asked for; update Excel (File > Account > Update Options) or tell us which version you use.";
  return `Excel reported an error: ${(e as Error)?.message ?? String(e)}`;
}

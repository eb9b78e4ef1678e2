/**
 * Task pane entry. The page also hosts the custom functions (shared runtime), so this file only
 * starts the pane once Office is ready and leaves the functions' bundle alone.
 */
import { TaskPane } from "./app";

/** Office theme colours as CSS variables, so the pane follows Excel's theme. */
function applyTheme(): void {
  const t = Office.context?.officeTheme;
  if (!t) return;
  const s = document.documentElement.style;
  if (t.bodyBackgroundColor) s.setProperty("--bg", t.bodyBackgroundColor);
  if (t.bodyForegroundColor) s.setProperty("--fg", t.bodyForegroundColor);
  if (t.controlBackgroundColor) s.setProperty("--control-bg", t.controlBackgroundColor);
  if (t.controlForegroundColor) s.setProperty("--control-fg", t.controlForegroundColor);
}

/**
 * Show an HTML document in the add-in's dialog page (review.html): open it, wait for its "ready",
 * send the document with messageChild (DialogApi 1.2). Rejects with Office's message when the
 * dialog cannot open (a pop-up blocker on the web, another dialog already open).
 */
function openDialog(html: string): Promise<void> {
  return new Promise((resolve, reject) => {
    Office.context.ui.displayDialogAsync(new URL("review.html", location.href).href, { height: 80, width: 60 }, (r) => {
      if (r.status !== Office.AsyncResultStatus.Succeeded) return reject(new Error(`the dialog could not open (${r.error.message})`));
      const dialog = r.value;
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
        if ("message" in arg && arg.message === "ready") {
          dialog.messageChild(html);
          resolve();
        }
      });
    });
  });
}

Office.onReady((info) => {
  const root = document.getElementById("app");
  if (!root) return;
  if (info.host !== Office.HostType.Excel) {
    root.textContent = "FOCUS Workbench runs inside Excel: open it from the Home tab.";
    return;
  }
  applyTheme();
  const pane = new TaskPane(root, {
    run: (batch) => Excel.run({ delayForCellEdit: true }, batch),
    mergedAreas: Office.context.requirements.isSetSupported("ExcelApi", "1.13"),
    multiAreaSelect: Office.context.requirements.isSetSupported("ExcelApi", "1.18"),
    platform: String(info.platform ?? ""),
    openDialog: Office.context.requirements.isSetSupported("DialogApi", "1.2") ? openDialog : undefined,
  });
  void pane.start();
  // The shared runtime keeps this page alive while the pane is closed (learn.microsoft.com,
  // "Configure your Office Add-in to use a shared runtime"): when the pane is shown again, re-read
  // the workbook so the mapping, the settings and the form are as they are now, not as they were.
  void Office.addin?.onVisibilityModeChanged?.((message) => {
    if (message.visibilityMode === Office.VisibilityMode.taskpane) void pane.refresh();
  });
});

/*
 * Stands in for office.js in the headless task-pane test: an Office global reporting the Excel
 * host, a CustomFunctions global recording associate() calls, and an Excel global over a
 * FakeWorkbook seeded from window.__SEED ([row, code, value, numberFormat] rows on sheet "Report",
 * each cell named FOCUS_<code>). Served in place of the office.js URL; fake-excel.js comes first.
 */
(function () {
  "use strict";
  const wb = new window.FakeExcel.FakeWorkbook({ excelApi: window.__EXCEL_API || "1.18" });
  wb.addSheet("Report");
  for (const [row, code, value, numberFormat] of window.__SEED || []) {
    wb.setCell(`Report!B${row}`, value, { numberFormat });
    wb.addName(`FOCUS_${code}`, `Report!$B$${row}`);
  }
  window.__wb = wb;
  window.__associated = [];
  window.__functions = {};
  // Formulas of the add-in's own functions recalculate, as Excel would.
  wb.enableFormulas(window.__functions);
  window.CustomFunctions = {
    associate(id, fn) {
      window.__associated.push(id);
      window.__functions[id] = fn;
    },
    // As Excel: a custom message only on #VALUE! and #N/A.
    Error: class extends Error {
      constructor(code, message) {
        super(code === "#VALUE!" || code === "#N/A" ? message : undefined);
        this.code = code;
      }
    },
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!" },
  };
  window.Excel = window.FakeExcel.excelGlobal(wb);
  /**
   * The dialog API as Office documents it (DialogApi 1.2): displayDialogAsync opens the page (here
   * a popup window of the same origin, as Office's dialog is a window of its own), the page answers
   * with messageParent (DialogMessageReceived in the pane) and receives messageChild
   * (DialogParentMessageReceived, registered with addHandlerAsync). A bridge on the opener joins them.
   */
  function dialogUi() {
    const bridge = window.opener && window.opener.__dialogBridge;
    if (bridge) {
      return {
        addHandlerAsync(type, handler, cb) {
          if (type === "dialogParentMessageReceived") bridge.child.push(handler);
          if (cb) cb({ status: "succeeded" });
        },
        messageParent(message) {
          bridge.parent.forEach((h) => h({ message, origin: location.origin }));
        },
      };
    }
    return {
      displayDialogAsync(url, options, cb) {
        if (!/^https?:\/\//.test(url) || new URL(url).origin !== location.origin) {
          cb({ status: "failed", error: { code: 12004, message: "The domain of the URL is not included in the AppDomains element in the manifest." } });
          return;
        }
        window.__dialogBridge = { parent: [], child: [] };
        const win = window.open(url, "_blank");
        window.__dialogWindow = win;
        const dialog = {
          addEventHandler(type, handler) {
            if (type === "dialogMessageReceived") window.__dialogBridge.parent.push(handler);
          },
          messageChild(message) {
            window.__dialogBridge.child.forEach((h) => h({ message, origin: location.origin }));
          },
          close() {
            win && win.close();
          },
        };
        cb({ status: "succeeded", value: dialog });
      },
    };
  }
  window.__setVisibility = (mode) => window.__visibilityHandlers.forEach((h) => h({ visibilityMode: mode }));
  window.__visibilityHandlers = [];
  window.Office = {
    HostType: { Excel: "Excel" },
    VisibilityMode: { hidden: "Hidden", taskpane: "Taskpane" },
    // The shared runtime's visibility event (SharedRuntime 1.1); a test fires it with __setVisibility.
    addin: {
      onVisibilityModeChanged(handler) {
        window.__visibilityHandlers.push(handler);
        return Promise.resolve(() => Promise.resolve());
      },
    },
    context: {
      officeTheme: { bodyBackgroundColor: "#ffffff", bodyForegroundColor: "#201f1e", controlBackgroundColor: "#f3f2f1", controlForegroundColor: "#201f1e" },
      requirements: { isSetSupported: (set, version) => wb.supports(set, version) },
      ui: dialogUi(),
    },
    EventType: { DialogMessageReceived: "dialogMessageReceived", DialogEventReceived: "dialogEventReceived", DialogParentMessageReceived: "dialogParentMessageReceived" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    onReady(cb) {
      // The platform a test plays (window.__PLATFORM: "PC", "Mac"); Excel on the web by default.
      const info = { host: "Excel", platform: window.__PLATFORM || "OfficeOnline" };
      return new Promise((resolve) =>
        setTimeout(() => {
          if (cb) cb(info);
          resolve(info);
        }, 0),
      );
    },
  };
})();

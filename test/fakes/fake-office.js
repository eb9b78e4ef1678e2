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
    },
    onReady(cb) {
      const info = { host: "Excel", platform: "OfficeOnline" };
      return new Promise((resolve) =>
        setTimeout(() => {
          if (cb) cb(info);
          resolve(info);
        }, 0),
      );
    },
  };
})();

/**
 * Task pane entry (the page also hosts the custom functions: shared runtime).
 * The mapping and checking UI arrives with the add-in issue; this entry only reports readiness.
 */
Office.onReady((info) => {
  const status = document.getElementById("status");
  if (status) status.textContent = info.host ? `Connected to ${info.host}.` : "Open this page from Excel.";
});

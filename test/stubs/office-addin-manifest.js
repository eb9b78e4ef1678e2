/*
 * office-addin-mock imports office-addin-manifest only for the OfficeApp enum, and that package's
 * dependency chain is ESM-only, which jest cannot load. This stub gives the mock what it uses.
 */
module.exports = {
  OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" },
};

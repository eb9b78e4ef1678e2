/* The manifest's development address and the production address the production build writes instead. */
"use strict";
const DEV_URL = "https://localhost:3000/";
const PROD_URL = process.env.FOCUS_ADDIN_URL || "https://focus-workbench.github.io/addin/";

/** The production manifest's text: every development URL replaced by the production one. */
function productionManifest(xml, prodUrl = PROD_URL) {
  return xml.split(DEV_URL).join(prodUrl);
}

module.exports = { DEV_URL, PROD_URL, productionManifest };

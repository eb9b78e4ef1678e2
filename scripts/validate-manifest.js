#!/usr/bin/env node
/*
 * `npm run validate`: an offline check of the add-in manifest. (office-addin-manifest's `validate`
 * posts the manifest to an online service, which our machines cannot reach.)
 *
 * Checks, for manifest.xml and for the production manifest the build writes from it:
 * well-formed XML; the OfficeApp namespace and TaskPaneApp type; the order of OfficeApp's
 * children; a GUID Id; https URLs only; unique resource ids of at most 32 characters; every resid
 * resolving to a resource; the shared runtime (SharedRuntime set, a long-lived Runtime, custom
 * functions Page and FunctionFile on the runtime's page, one TaskpaneId for its pane); the FOCUS namespace; the minimal
 * ReadWriteDocument permission; and no localhost in the production manifest. Then it reads the
 * manifest with office-addin-manifest's offline reader.
 *
 * Usage: node scripts/validate-manifest.js [manifest.xml]   (exit 0: valid; 1: problems listed)
 */
"use strict";
const fs = require("fs");
const path = require("path");
const xml2js = require("xml2js");
const { productionManifest } = require("./manifest-urls");

const OFFICEAPP_NS = "http://schemas.microsoft.com/office/appforoffice/1.1";
const ORDER = [
  "Id", "AlternateId", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl",
  "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "DefaultSettings", "Permissions",
  "AllowSnapshot", "VersionOverrides",
];

function walk(node, name, visit) {
  if (node === null || typeof node !== "object") return;
  visit(name, node);
  for (const [k, v] of Object.entries(node)) {
    if (k === "$" || k === "_" || k === "$$") continue;
    for (const child of Array.isArray(v) ? v : [v]) walk(child, k, visit);
  }
}

/** Problems found in a manifest's XML text (empty when valid). `production` adds the no-localhost check. */
async function checkManifest(text, { production = false } = {}) {
  const problems = [];
  let doc;
  try {
    doc = await xml2js.parseStringPromise(text, { explicitChildren: true, preserveChildrenOrder: true, tagNameProcessors: [] });
  } catch (e) {
    return [`not well-formed XML: ${e.message.split("\n")[0]}`];
  }
  const app = doc.OfficeApp;
  if (!app) return ["the root element is not OfficeApp"];
  const attrs = app.$ || {};
  if (attrs.xmlns !== OFFICEAPP_NS) problems.push(`OfficeApp's namespace is ${attrs.xmlns}, not ${OFFICEAPP_NS}`);
  if (attrs["xsi:type"] !== "TaskPaneApp") problems.push(`OfficeApp's xsi:type is ${attrs["xsi:type"]}, not TaskPaneApp`);
  const order = (app.$$ || []).map((c) => c["#name"]);
  let last = -1;
  for (const n of order) {
    const i = ORDER.indexOf(n);
    if (i < 0) problems.push(`OfficeApp has an unexpected child <${n}>`);
    else if (i < last) problems.push(`<${n}> is out of order: OfficeApp's children must come in the order ${ORDER.join(", ")}`);
    else last = i;
  }
  for (const req of ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl", "DefaultSettings", "Permissions"]) {
    if (!order.includes(req)) problems.push(`OfficeApp has no <${req}>`);
  }
  const id = app.Id && app.Id[0] && (app.Id[0]._ ?? app.Id[0]);
  if (typeof id !== "string" || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id.trim())) problems.push(`Id "${id}" is not a GUID`);
  // "This element can't be empty" (AppDomains, learn.microsoft.com manifest reference): omit it instead.
  if (app.AppDomains && app.AppDomains.some((d) => !(d.$$ || []).some((c) => c["#name"] === "AppDomain"))) problems.push("<AppDomains> is empty; the manifest reference says it can't be: omit it");
  // SupportUrl: a page about support, not the add-in itself (AppSource validation asks for one).
  const support = app.SupportUrl && app.SupportUrl[0] && app.SupportUrl[0].$ && app.SupportUrl[0].$.DefaultValue;
  if (support && /taskpane\.html|functions\.(js|json)/i.test(support)) problems.push(`SupportUrl ${support} is the add-in's own page, not a support page`);
  const perm = app.Permissions && app.Permissions[0] && (app.Permissions[0]._ ?? app.Permissions[0]);
  if (perm !== "ReadWriteDocument") problems.push(`Permissions is "${perm}"; the add-in needs exactly ReadWriteDocument`);

  const resources = new Map();
  const resids = [];
  const urls = [];
  let runtime = null;
  let sharedRuntimeSet = false;
  const cf = { page: null, script: null, metadata: null, namespace: null };
  let functionFile = null;
  const panes = []; // ShowTaskpane actions: [TaskpaneId or null, SourceLocation resid]
  walk(app, "OfficeApp", (name, node) => {
    const a = node.$ || {};
    const local = name.replace(/^bt:/, "");
    if (a.DefaultValue && /:\/\//.test(a.DefaultValue)) urls.push(a.DefaultValue);
    if ((local === "Image" || local === "Url" || local === "String") && a.id) {
      if (resources.has(a.id)) problems.push(`resource id "${a.id}" is defined twice`);
      if (a.id.length > 32) problems.push(`resource id "${a.id}" is longer than 32 characters`);
      resources.set(a.id, { kind: local, value: a.DefaultValue });
    }
    if (a.resid) resids.push([name, a.resid]);
    if (name === "Set" && a.Name === "SharedRuntime") sharedRuntimeSet = true;
    if (name === "Runtime") runtime = a;
    if (name === "FunctionFile") functionFile = a.resid;
    if (name === "Action" && a["xsi:type"] === "ShowTaskpane") {
      const id = node.TaskpaneId && node.TaskpaneId[0];
      panes.push([id ? String(id._ ?? id).trim() : null, node.SourceLocation && node.SourceLocation[0].$.resid]);
    }
    if (name === "ExtensionPoint" && a["xsi:type"] === "CustomFunctions") {
      const src = (k) => node[k] && node[k][0].SourceLocation && node[k][0].SourceLocation[0].$.resid;
      cf.page = src("Page");
      cf.script = src("Script");
      cf.metadata = src("Metadata");
      cf.namespace = node.Namespace && node.Namespace[0].$.resid;
    }
  });
  for (const [el, resid] of resids) if (!resources.has(resid)) problems.push(`<${el} resid="${resid}"> names no resource`);
  for (const u of urls) if (!u.startsWith("https://")) problems.push(`URL ${u} is not https`);
  if (!sharedRuntimeSet) problems.push("no <Set Name=\"SharedRuntime\"> requirement");
  if (!runtime) problems.push("no <Runtime> (shared runtime)");
  else {
    if (runtime.lifetime !== "long") problems.push(`the Runtime's lifetime is "${runtime.lifetime}", not "long"`);
    if (cf.page !== runtime.resid) problems.push(`the custom functions Page (${cf.page}) is not the Runtime's page (${runtime.resid})`);
    if (functionFile !== runtime.resid) problems.push(`FunctionFile (${functionFile}) is not the Runtime's page (${runtime.resid})`);
    // "A shared runtime only supports the use of one task pane. Note that any task pane without a
    // <TaskpaneID> is considered a different task pane." (docs-pr, develop/configure-your-add-in-
    // to-use-a-shared-runtime.md, "Multiple task panes"): every pane action on the runtime's page
    // names the same TaskpaneId.
    const shared = panes.filter(([, resid]) => resid === runtime.resid);
    if (shared.some(([id]) => !id)) problems.push("a ShowTaskpane action on the shared runtime's page has no <TaskpaneId>: Office would open it as a second task pane");
    const ids = new Set(shared.map(([id]) => id).filter(Boolean));
    if (ids.size > 1) problems.push(`the shared runtime's page opens under ${ids.size} TaskpaneIds (${[...ids].join(", ")}); a shared runtime supports one task pane`);
  }
  if (!cf.script || !cf.metadata) problems.push("the CustomFunctions extension point lacks its Script or Metadata");
  const ns = cf.namespace && resources.get(cf.namespace);
  if (!ns || ns.value !== "FOCUS") problems.push(`the custom functions namespace is ${ns ? `"${ns.value}"` : "missing"}, not "FOCUS"`);
  if (production && /localhost/i.test(text)) problems.push("the production manifest mentions localhost");
  return problems;
}

async function main() {
  const file = process.argv[2] || path.join(__dirname, "..", "manifest.xml");
  const text = fs.readFileSync(file, "utf8");
  const report = [];
  for (const [label, xml, production] of [
    [file, text, false],
    [`${file} as built for production`, productionManifest(text), true],
  ]) {
    const problems = await checkManifest(xml, { production });
    report.push(...problems.map((p) => `${label}: ${p}`));
  }
  try {
    const { OfficeAddinManifest } = require("office-addin-manifest");
    const info = await OfficeAddinManifest.readManifestFile(file);
    if (!info.id || !info.hosts || !info.hosts.includes("Workbook")) report.push(`${file}: office-addin-manifest reads no Workbook host`);
  } catch (e) {
    report.push(`${file}: office-addin-manifest cannot read it: ${e.message}`);
  }
  if (report.length) {
    console.error(report.join("\n"));
    process.exitCode = 1;
  } else {
    console.log(`${path.relative(process.cwd(), file)}: valid (offline structural check, development and production).`);
  }
}

module.exports = { checkManifest };
if (require.main === module) main();

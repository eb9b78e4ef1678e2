/**
 * The offline manifest check (npm run validate) accepts our manifest, development and production,
 * and catches each problem it claims to catch.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkManifest } = require("../scripts/validate-manifest.js") as { checkManifest: (xml: string, o?: { production?: boolean }) => Promise<string[]> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { productionManifest } = require("../scripts/manifest-urls.js") as { productionManifest: (xml: string, url?: string) => string };

const ROOT = path.join(__dirname, "..");
const xml = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");

test("our manifest passes, in development and as built for production", async () => {
  expect(await checkManifest(xml)).toEqual([]);
  expect(await checkManifest(productionManifest(xml), { production: true })).toEqual([]);
});

test("npm run validate's script exits 0 on it (with office-addin-manifest's offline reader)", () => {
  const out = execFileSync(process.execPath, [path.join(ROOT, "scripts", "validate-manifest.js"), path.join(ROOT, "manifest.xml")], { encoding: "utf8" });
  expect(out).toContain("valid");
});

test.each([
  ["not well-formed", (s: string) => s.replace("</OfficeApp>", ""), /not well-formed XML/],
  ["a resid that names nothing", (s: string) => s.replace('<Label resid="Group.Label"/>', '<Label resid="Group.Missing"/>'), /<Label resid="Group.Missing"> names no resource/],
  ["an http URL", (s: string) => s.replace('"https://localhost:3000/functions.js"', '"http://localhost:3000/functions.js"'), /URL http:\/\/localhost:3000\/functions.js is not https/],
  ["children out of order", (s: string) => s.replace(/(<Version>.*<\/Version>)\s*(<ProviderName>.*<\/ProviderName>)/, "$2$1"), /<Version> is out of order/],
  ["a broad permission", (s: string) => s.replace("<Permissions>ReadWriteDocument</Permissions>", "<Permissions>ReadWriteMailbox</Permissions>"), /exactly ReadWriteDocument/],
  ["a short-lived runtime", (s: string) => s.replace('lifetime="long"', 'lifetime="short"'), /lifetime is "short"/],
  ["functions on another page", (s: string) => s.replace('<Page>\n              <SourceLocation resid="Taskpane.Url"/>', '<Page>\n              <SourceLocation resid="Functions.Script.Url"/>'), /Page \(Functions.Script.Url\) is not the Runtime's page/],
  ["no SharedRuntime set", (s: string) => s.replace('<Set Name="SharedRuntime" MinVersion="1.1"/>', ""), /no <Set Name="SharedRuntime">/],
  ["another namespace", (s: string) => s.replace('<bt:String id="Functions.Namespace" DefaultValue="FOCUS"/>', '<bt:String id="Functions.Namespace" DefaultValue="FOCUSX"/>'), /namespace is "FOCUSX"/],
  ["a long resource id", (s: string) => s.split("Functions.Metadata.Url").join("Functions.Metadata.Url.Far.Too.Long.Id"), /longer than 32 characters/],
  ["an Id that is not a GUID", (s: string) => s.replace(/<Id>[^<]*<\/Id>/, "<Id>focus</Id>"), /Id "focus" is not a GUID/],
  ["an empty AppDomains", (s: string) => s.replace("  <Hosts>\n    <Host Name=\"Workbook\"/>", "  <AppDomains/>\n  <Hosts>\n    <Host Name=\"Workbook\"/>"), /<AppDomains> is empty/],
  ["the task pane as the support page", (s: string) => s.replace("support.html", "taskpane.html"), /SupportUrl https:\/\/localhost:3000\/taskpane.html is the add-in's own page/],
  ["a pane action without its TaskpaneId (a second pane under the shared runtime)", (s: string) => s.replace("<TaskpaneId>FocusWorkbench.Pane</TaskpaneId>", ""), /has no <TaskpaneId>: Office would open it as a second task pane/],
])("catches %s", async (_what, edit, problem) => {
  const broken = edit(xml);
  expect(broken).not.toBe(xml);
  expect((await checkManifest(broken)).join("\n")).toMatch(problem);
});

test("the production manifest must not mention localhost", async () => {
  expect((await checkManifest(xml, { production: true })).join("\n")).toMatch(/mentions localhost/);
});

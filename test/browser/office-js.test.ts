/**
 * The pane under the real office.js (the bytes of @microsoft/office-js, served at the CDN path the
 * page names, as the browser would fetch them) and the page's own Content-Security-Policy, outside
 * any Office host: office.js starts, finds no host, and the pane says it must be opened in Excel.
 * Every request and every CSP violation is recorded; the CSP decisions are in the README.
 */
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import type { AddressInfo } from "net";
import { chromium, type Browser } from "playwright-core";
import { ARGS, buildAddin, CHROMIUM, ROOT } from "./helpers";

const CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const OFFICE_DIST = path.join(ROOT, "node_modules", "@microsoft", "office-js", "dist");

let dist: string;
let server: http.Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  dist = await buildAddin("focus-dist-office-");
  server = http.createServer((req, res) => {
    const file = path.join(dist, decodeURIComponent((req.url ?? "/").split("?")[0]));
    if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": file.endsWith(".html") ? "text/html" : file.endsWith(".css") ? "text/css" : "application/javascript" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

test("outside Excel, the real office.js starts under the page's CSP and the pane says to open it in Excel; nothing crashes", async () => {
  const page = await browser.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  const violations: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      ((window as unknown as { __csp?: string[] }).__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const served: string[] = [];
  await page.route(`${CDN}**`, (route) => {
    const rel = route.request().url().slice(CDN.length).split("?")[0];
    const file = path.join(OFFICE_DIST, rel);
    served.push(rel);
    if (!file.startsWith(OFFICE_DIST) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: "" });
    return route.fulfill({ status: 200, contentType: "application/javascript", body: fs.readFileSync(file) });
  });
  // Nothing leaves the machine: any other host is refused (and listed).
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => (route.request().url().startsWith(CDN) ? route.fallback() : route.abort()));
  await page.goto(`${base}/taskpane.html`);
  await page.getByText("FOCUS Workbench runs inside Excel").waitFor({ timeout: 15_000 });
  await page.waitForTimeout(500);
  const csp = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);

  // office.js itself came from the CDN path (the real bytes), and asked for nothing else outside a host.
  expect(served[0]).toBe("office.js");
  // The real Office global (no fake host on this page), and no Excel host found.
  expect(await page.evaluate(() => typeof (window as unknown as { Office?: { onReady?: unknown } }).Office?.onReady === "function" && !("__wb" in window))).toBe(true);
  const foreign = requests.filter((u) => !u.startsWith(base) && !u.startsWith(CDN));
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
  // The page's CSP let office.js do what it does outside a host: no violation at all.
  expect(csp).toEqual([]);
  expect(violations).toEqual([]);
  // The decisions, as the browser applies them: an inline style (which Excel on the web's scripts
  // set, OfficeDev/office-js #1687) is allowed; office.js's telemetry collector is knowingly
  // blocked (connect-src 'self': the add-in sends nothing anywhere).
  const decided = await page.evaluate(async () => {
    document.body.setAttribute("style", "outline: 0");
    let telemetry = "sent";
    try {
      await fetch("https://browser.pipe.aria.microsoft.com/Collector/3.0/", { method: "POST", body: "{}" });
    } catch {
      telemetry = "blocked";
    }
    await new Promise((r) => setTimeout(r, 100));
    return { telemetry, csp: (window as unknown as { __csp?: string[] }).__csp ?? [] };
  });
  expect(decided.telemetry).toBe("blocked");
  expect(decided.csp).toEqual(["connect-src https://browser.pipe.aria.microsoft.com/Collector/3.0/"]);
  fs.mkdirSync(path.join(ROOT, "test-output"), { recursive: true });
  fs.writeFileSync(path.join(ROOT, "test-output", "office-js-requests.json"), JSON.stringify({ served, requests }, null, 2));
}, 60_000);

test("the violation check can fail: a page whose CSP does not allow the office.js host is caught", async () => {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      ((window as unknown as { __csp?: string[] }).__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.route(`${CDN}**`, (route) => route.fulfill({ status: 200, contentType: "application/javascript", body: fs.readFileSync(path.join(OFFICE_DIST, "office.js")) }));
  await page.route(`${base}/taskpane.html`, async (route) => {
    const html = fs.readFileSync(path.join(dist, "taskpane.html"), "utf8").replace("script-src 'self' https://appsforoffice.microsoft.com", "script-src 'self'");
    await route.fulfill({ status: 200, contentType: "text/html", body: html });
  });
  await page.goto(`${base}/taskpane.html`);
  await page.waitForTimeout(500);
  const csp = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
  expect(csp).toContain(`script-src-elem ${CDN}office.js`);
}, 30_000);

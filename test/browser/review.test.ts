/**
 * The review pack in a real browser (Debian's chromium + playwright-core): opened from disk with
 * every network request refused and recorded (none may be made), no console error, every chart an
 * SVG with content whose numbers are those of the table beside it, and printing to PDF gives more
 * than one page. Saves test-output/review-*.png and review-mirae.pdf.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { chromium, type Browser } from "playwright-core";
import { ARGS, CHROMIUM, ROOT } from "./helpers";
import { focus } from "../run-focus";

const OUT = path.join(ROOT, "test-output");
const ex = (n: string) => path.join(ROOT, "examples", n);
let browser: Browser;
let dir: string;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: the pretest step installs Debian's chromium (apt-get install chromium).`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "focus-review-browser-"));
  fs.mkdirSync(OUT, { recursive: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** The pack's HTML written by the CLI. */
async function made(name: string, ...args: string[]): Promise<string> {
  const out = path.join(dir, `${name}.html`);
  const r = await focus("review", ...args, "-o", out);
  expect(r.code).toBe(0);
  return out;
}

/** Open a file with the network refused; resolves with the page and what it tried to fetch and complained of. */
async function open(file: string, scheme: "light" | "dark" = "light") {
  const context = await browser.newContext({ viewport: { width: 1000, height: 1200 }, colorScheme: scheme });
  const requests: string[] = [];
  const problems: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file://")) return route.continue();
    requests.push(url);
    return route.abort("internetdisconnected");
  });
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(`file://${file}`);
  return { page, requests, problems, context };
}

/** Numbers written with thousands separators ("1,117,072,000") in a text. */
const figures = (t: string) => new Set(t.match(/\d{1,3}(?:,\d{3})+/g) ?? []);

test("HSBC 2009 against 2008: offline, no console error, the charts carry their tables' numbers, prints to PDF", async () => {
  const file = await made("hsbc", ex("hsbc-2009-12-31-net-capital.csv"), ex("hsbc-2008-12-31-net-capital.csv"));
  const { page, requests, problems, context } = await open(file);
  const svgs = await page.$$eval("svg", (els) => els.map((e) => ({ text: e.textContent ?? "", shapes: e.querySelectorAll("rect,line,polyline").length, label: e.getAttribute("aria-labelledby") })));
  expect(svgs.length).toBe(3); // two measures (minimum and 5% of debits) and the bridge
  for (const s of svgs) {
    expect(s.shapes).toBeGreaterThan(2);
    const caption = await page.$eval(`#${s.label}`, (e) => e.textContent);
    expect(caption).toBeTruthy();
  }
  // The bridge: every amount the waterfall labels is in its table, and every step of the table in the chart.
  const bridgeSvg = svgs.find((s) => s.label === "bridge-cap")!.text;
  const bridgeTable = await page.$eval("#prior table:last-of-type", (t) => t.textContent ?? "");
  expect(figures(bridgeSvg)).toEqual(figures(bridgeTable));
  expect(bridgeSvg).toContain("1,117,072,000");
  expect(bridgeSvg).toContain("+243,063,000");
  expect(bridgeSvg).toContain("1,177,213,000");
  // A measure chart's figures are in its table.
  const m0 = svgs.find((s) => s.label === "m0-cap")!.text;
  const m0table = await page.$eval("#capital table", (t) => t.textContent ?? "");
  for (const f of figures(m0)) expect(figures(m0table)).toContain(f);
  await page.screenshot({ path: path.join(OUT, "review-hsbc.png"), fullPage: true });
  const pdf = await page.pdf({ format: "Letter", printBackground: true });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages).toBeGreaterThan(1);
  expect(requests).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
}, 60_000);

test("Mirae (dark scheme) and the HSBC trend: offline, no console error, PDF of several pages", async () => {
  const mirae = await made("mirae", ex("mirae-2024-12-31.xlsx"));
  const a = await open(mirae, "dark");
  const bg = await a.page.$eval("body", (b) => getComputedStyle(b).backgroundColor);
  expect(bg).toBe("rgb(22, 24, 27)");
  await a.page.screenshot({ path: path.join(OUT, "review-mirae-dark.png"), fullPage: true });
  const pdf = await a.page.pdf({ format: "Letter" });
  fs.writeFileSync(path.join(OUT, "review-mirae.pdf"), pdf);
  expect((pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThan(1);
  expect([a.requests, a.problems]).toEqual([[], []]);
  await a.context.close();

  const trend = await made("trend", ex("hsbc-2010-12-31-net-capital.csv"), ex("hsbc-2008-12-31-net-capital.csv"), ex("hsbc-2009-12-31-net-capital.csv"));
  const b = await open(trend);
  const svg = await b.page.$eval('svg[aria-labelledby="trend-cap"]', (e) => ({ lines: e.querySelectorAll("polyline").length, text: e.textContent ?? "" }));
  expect(svg.lines).toBe(4);
  expect(svg.text).toMatch(/12\/31\/08[\s\S]*12\/31\/09[\s\S]*12\/31\/10/);
  const table = await b.page.$eval("#prior table", (t) => t.textContent ?? "");
  for (const f of ["1,117,072,000", "1,177,213,000", "1,086,263,000", "121,299,600"]) expect(table).toContain(f);
  await b.page.screenshot({ path: path.join(OUT, "review-trend.png"), fullPage: true });
  expect([b.requests, b.problems]).toEqual([[], []]);
  await b.context.close();
}, 60_000);

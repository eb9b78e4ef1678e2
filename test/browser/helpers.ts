/**
 * What the headless browser tests share: Debian's Chromium and its flags, and a production build
 * of the add-in into a temporary folder.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import webpack from "webpack";

export const ROOT = path.join(__dirname, "..", "..");
export const CHROMIUM = "/usr/bin/chromium";
export const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/** Build the add-in (production) into a new temporary folder; resolves to the folder. */
export async function buildAddin(prefix = "focus-dist-"): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = await require(path.join(ROOT, "webpack.config.js"))({}, { mode: "production" });
  config.output.path = dir;
  config.context = ROOT;
  await new Promise<void>((resolve, reject) =>
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString("errors-only")));
      resolve();
    }),
  );
  return dir;
}

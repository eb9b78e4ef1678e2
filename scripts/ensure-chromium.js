#!/usr/bin/env node
/*
 * The headless task-pane test drives Debian's chromium (tool-downloaded browsers cannot install on
 * our machines). Runs before `npm test`: if /usr/bin/chromium is missing and we are root on a
 * Debian-like system, install it with apt-get; otherwise say how.
 */
"use strict";
const fs = require("fs");
const { execSync } = require("child_process");

const CHROMIUM = "/usr/bin/chromium";
if (fs.existsSync(CHROMIUM)) process.exit(0);
const root = typeof process.getuid === "function" && process.getuid() === 0;
if (root && fs.existsSync("/usr/bin/apt-get")) {
  console.log("Installing Debian's chromium for the headless task-pane test (apt-get)…");
  try {
    execSync("apt-get update -qq && apt-get -o DPkg::Lock::Timeout=300 install -y -qq chromium", { stdio: "inherit" });
  } catch (e) {
    console.error(`Could not install chromium: ${e.message}`);
  }
} else {
  console.error("The headless task-pane test needs Debian's chromium at /usr/bin/chromium: sudo apt-get install chromium");
}

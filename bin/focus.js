#!/usr/bin/env node
"use strict";
// The `focus` command. The TypeScript sources are compiled to build/ by `npm run build:cli`
// (run automatically by `npm ci` through the prepare script).
let cli;
try {
  cli = require("../build/cli/main.js");
} catch {
  process.stderr.write("focus: the command is not built yet; run `npm run build:cli` (npm ci does it).\n");
  process.exit(2);
}
// A reader that stops early (`focus items | head -1`) closes the pipe: end quietly, not with a
// stack trace; any other failure to write (a full disk) is exit 2 with one line (outputFailed).
for (const stream of [process.stdout, process.stderr]) stream.on("error", cli.outputFailed);
cli.run(process.argv).then((code) => {
  process.exitCode = code;
});

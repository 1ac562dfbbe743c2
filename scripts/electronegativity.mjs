// `npm test` step "electronegativity": Doyensec's Electron checker over the app's source (main,
// preload, wiring, the renderer page and its code, shared/). It fails on any HIGH or MEDIUM
// finding that scripts/electronegativity-explained.json does not explain, on an explanation
// that no longer matches a finding (so the list and docs/SECURITY.md stay true), and on a file
// the tool could not parse (a file it skipped is a file nobody checked).
//
// Two things about the tool are fixed here, without touching node_modules:
// - it loads @typescript-eslint/typescript-estree, which (hoisted) would `require('typescript')`
//   and get the project's TypeScript 7, which has no JavaScript API, and crash on load; those
//   requests go to the tool's own nested TypeScript 4.2 instead;
// - it fetches translations and Electron's release list over the network; CI must not depend
//   on that, so `got` answers "not found" at once (the bundled English texts are used).
// Source files are parsed by Babel first (TypeScript 4.2 is only its fallback), so newer syntax
// parses; a parse error fails the step.

import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire, registerHooks } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const TOOL = dirname(require.resolve('@doyensec/electronegativity/package.json'));
const NESTED_TYPESCRIPT = pathToFileURL(join(TOOL, 'node_modules', 'typescript', 'lib', 'typescript.js')).href;
const OFFLINE_GOT = 'openfax-offline:got';
const EXPLAINED_FILE = join(ROOT, 'scripts', 'electronegativity-explained.json');
/** What the tool reads: the app's source as it is laid out in the repository. */
const INPUTS = ['electron', 'shared', 'renderer/index.html', 'renderer/src', 'package.json'];
const FAILING = new Set(['HIGH', 'MEDIUM']);

registerHooks({
  resolve(specifier, context, next) {
    const parent = context.parentURL ?? '';
    if (specifier === 'typescript' && /\/node_modules\/(@typescript-eslint\/|tsutils\/)/.test(parent)) {
      return { url: NESTED_TYPESCRIPT, format: 'commonjs', shortCircuit: true };
    }
    if (specifier === 'got' && parent.includes('/node_modules/@doyensec/electronegativity/')) {
      return { url: OFFLINE_GOT, format: 'commonjs', shortCircuit: true };
    }
    return next(specifier, context);
  },
  load(url, context, next) {
    if (url !== OFFLINE_GOT) return next(url, context);
    const source = `const notFound = () => Promise.resolve({ statusCode: 404, headers: {}, body: '' });
module.exports = Object.assign(notFound, { get: notFound, head: notFound, default: notFound });`;
    return { format: 'commonjs', source, shortCircuit: true };
  },
});

const { excludedChecks, explained } = JSON.parse(readFileSync(EXPLAINED_FILE, 'utf8'));
const electronVersion = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).devDependencies.electron;
// The tool takes one input; a copy of the inputs keeps their paths (electron/wiring/window.ts…)
// and leaves out what is not the app (tests, scripts, build output).
const scan = mkdtempSync(join(tmpdir(), 'openfax-electronegativity-'));
let result;
try {
  for (const input of INPUTS) cpSync(join(ROOT, input), join(scan, input), { recursive: true });
  const run = require(join(TOOL, 'dist', 'runner.js'));
  result = await run({
    input: scan,
    isRelative: true,
    electronVersionOverride: electronVersion,
    excludeFromScan: excludedChecks.map((c) => c.check),
  });
} finally {
  rmSync(scan, { recursive: true, force: true });
}

const isExplained = (issue) => explained.some((e) => e.id === issue.id && e.file === issue.file);
const failing = result.issues.filter((i) => FAILING.has(i.severity.name) && !isExplained(i));
const stale = explained.filter((e) => !result.issues.some((i) => i.id === e.id && i.file === e.file));
const line = (i) => `${i.severity.name} ${i.id} ${i.file}:${i.location.line} ${i.sample ?? ''}`.trim();

process.stdout.write(
  `Electronegativity ${result.globalChecks + result.atomicChecks} checks over ${INPUTS.join(', ')} (Electron ${electronVersion}): ` +
    `${result.issues.length} findings, ${result.issues.length - failing.length} explained or below MEDIUM.\n`,
);
for (const i of result.issues.filter((i) => !failing.includes(i))) {
  process.stdout.write(`  ${isExplained(i) ? 'explained' : 'info'.padEnd(9)} ${line(i)}\n`);
}
for (const i of failing) process.stdout.write(`  FAIL      ${line(i)}\n            ${i.description}\n`);
for (const e of stale) {
  process.stdout.write(
    `  FAIL      ${e.id} ${e.file} is explained but no longer found: remove it from ${EXPLAINED_FILE} and docs/SECURITY.md\n`,
  );
}
for (const e of result.errors) process.stdout.write(`  FAIL      could not parse ${e.file}: ${e.message}\n`);
if (failing.length) {
  process.stdout.write(`Fix each finding above, or explain why it does not apply in ${EXPLAINED_FILE} (and docs/SECURITY.md).\n`);
}
process.exit(failing.length || stale.length || result.errors.length ? 1 : 0);

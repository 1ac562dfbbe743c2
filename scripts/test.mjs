// `npm test`: every check, in order, one exit code. Typecheck and lint first (fast, and
// a type error usually explains a test failure), then build, unit + integration, end to end.
// `npm test -- end` runs only the steps whose names start with the words given.
import { spawnSync } from 'node:child_process';

const bin = (name) => `node_modules/.bin/${name}`;
const steps = [
  ['typecheck', bin('tsc'), ['-p', 'tsconfig.json']],
  ['lint', bin('biome'), ['check', '--error-on-warnings', '.']],
  [
    'layers',
    process.execPath,
    ['node_modules/dependency-cruiser/bin/dependency-cruiser.mjs', '--output-type', 'err', 'electron', 'shared', 'renderer/src'],
  ],
  ['build', process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build']],
  ['unit + integration', process.execPath, ['node_modules/vitest/vitest.mjs', 'run']],
  ['end to end', process.execPath, ['node_modules/@playwright/test/cli.js', 'test']],
];
const only = process.argv.slice(2);
const results = [];
for (const [name, cmd, args] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  const started = Date.now();
  process.stdout.write(`\n=== ${name} ===\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' } });
  const ok = r.status === 0;
  results.push({ name, ok, seconds: ((Date.now() - started) / 1000).toFixed(1) });
  // Keep going so one run shows every failure; only a failed build makes the rest meaningless.
  if (!ok && name === 'build') break;
}
process.stdout.write('\n=== summary ===\n');
for (const r of results) process.stdout.write(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds} s)\n`);
const failed = results.filter((r) => !r.ok).length;
process.exit(failed || results.length < (only.length ? 1 : steps.length) ? 1 : 0);

// `npm test`: every check, in order, one exit code. Typecheck and lint first (fast, and
// a type error usually explains a test failure), then build, unit + integration, end to end.
// `npm test -- end` runs only the steps whose names start with the words given.
import { spawn, spawnSync } from 'node:child_process';

const bin = (name) => `node_modules/.bin/${name}`;
const vitest = (project) => [process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--project', project]];
// A step is [name, cmd, args]; a list of steps runs them at once (the slow vitest project, mostly
// waiting on child processes and the disk, beside the fast one).
const steps = [
  ['typecheck', bin('tsc'), ['-p', 'tsconfig.json']],
  ['lint', bin('biome'), ['check', '--error-on-warnings', '.']],
  // Electron's security checklist over the source; remaining findings are explained in
  // scripts/electronegativity-explained.json and docs/SECURITY.md.
  ['electronegativity', process.execPath, ['scripts/electronegativity.mjs']],
  [
    'layers',
    process.execPath,
    ['node_modules/dependency-cruiser/bin/dependency-cruiser.mjs', '--output-type', 'err', 'electron', 'shared', 'renderer/src'],
  ],
  ['unused code', process.execPath, ['node_modules/knip/bin/knip.js']],
  ['build', process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build']],
  [
    ['unit + integration: fast', ...vitest('fast')],
    ['unit + integration: slow', ...vitest('slow')],
  ],
  ['end to end', process.execPath, ['node_modules/@playwright/test/cli.js', 'test']],
];
const only = process.argv.slice(2);
const wanted = (name) => !only.length || only.some((o) => name.startsWith(o));
const env = { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' };
const results = [];

/** Runs one step with the terminal as its output. */
function runLive([name, cmd, args]) {
  const started = Date.now();
  process.stdout.write(`\n=== ${name} ===\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  return { name, ok: r.status === 0, seconds: seconds(started) };
}

/** Runs one step with its output kept, to be printed in one piece when the group is done. */
function runBuffered([name, cmd, args]) {
  const started = Date.now();
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (err) => (output += `\n${err.message}\n`));
    child.on('close', (code) => resolve({ name, ok: code === 0, seconds: seconds(started), output }));
  });
}

/** The first step of a group streams live; the others run beside it and print after it. */
async function runGroup(group) {
  if (group.length === 1) return [runLive(group[0])];
  const [first, ...rest] = group;
  const others = rest.map(runBuffered);
  // spawnSync would block the event loop the buffered children report through.
  const live = await new Promise((resolve) => {
    const started = Date.now();
    process.stdout.write(`\n=== ${first[0]} === (${rest.map((s) => s[0]).join(', ')} at the same time; its output follows)\n`);
    spawn(first[1], first[2], { stdio: 'inherit', env }).on('close', (code) =>
      resolve({ name: first[0], ok: code === 0, seconds: seconds(started) }),
    );
  });
  const done = [live];
  for (const r of await Promise.all(others)) {
    process.stdout.write(`\n=== ${r.name} ===\n${r.output}`);
    done.push({ name: r.name, ok: r.ok, seconds: r.seconds });
  }
  return done;
}

function seconds(started) {
  return ((Date.now() - started) / 1000).toFixed(1);
}

const groups = steps.map((step) => (Array.isArray(step[0]) ? step : [step]).filter((s) => wanted(s[0])));
const planned = groups.reduce((n, g) => n + g.length, 0);
for (const group of groups) {
  if (!group.length) continue;
  const ran = await runGroup(group);
  results.push(...ran);
  // Keep going so one run shows every failure; only a failed build makes the rest meaningless.
  if (ran.some((r) => !r.ok && r.name === 'build')) break;
}
process.stdout.write('\n=== summary ===\n');
for (const r of results) process.stdout.write(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds} s)\n`);
const failed = results.filter((r) => !r.ok).length;
process.exit(failed || results.length < Math.max(planned, 1) ? 1 : 0);

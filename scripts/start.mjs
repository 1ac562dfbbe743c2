// `npm start`: build, then launch Electron. Where the Electron binary cannot be fetched
// (no internet, as on our build machines), say so and point at `npm run web` instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const electronDir = join('node_modules', 'electron');

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const bin = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : undefined;
}

let bin = electronBinary();
if (!bin) {
  process.stdout.write('Fetching the Electron binary (first launch only)…\n');
  spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: ['ignore', 'inherit', 'ignore'], timeout: 180_000 });
  bin = electronBinary();
}
if (!bin) {
  process.stderr.write(
    '\nThe Electron binary is not available on this machine and could not be downloaded.\n' +
      'Run the same app in your browser instead:\n\n    npm run web\n\n' +
      '(It serves the real renderer with the real main-side services on 127.0.0.1.)\n',
  );
  process.exit(1);
}
const build = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const child = spawn(bin, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));

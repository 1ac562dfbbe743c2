import { defineConfig } from 'vitest/config';

// Files that take tens of seconds (child processes killed at random, a 20 MB writer run a
// hundred times, processes racing on one folder): their own project, so `npm test` runs them
// beside the rest.
const SLOW = [
  'test/electron/outbox/crash.test.ts',
  'test/electron/hotfolder/hot-folder-stress.test.ts',
  'test/electron/hotfolder/watch-kill.test.ts',
  'test/electron/cli/shared-folder.test.ts',
  'test/electron/store/concurrent-open.test.ts',
  // Ghostscript and our renderer over the whole corpus at both resolutions.
  'test/fidelity/fidelity.test.ts',
  // electron-builder packages the app three times, and the packaged main runs from the archive.
  'test/packaging/packaged-app.test.ts',
  // LibreOffice converting filled templates (its first start with a new profile is seconds).
  'test/electron/merge/template-libreoffice.test.ts',
  'test/electron/merge/convert-libreoffice.test.ts',
  // Headless Chromium printing documents laid out by docx-preview.
  'test/electron/merge/builtin-web.test.ts',
  // 50 rows through LibreOffice to the sandbox; a merge child killed mid-run, again and again.
  'test/electron/merge/merge-sandbox.test.ts',
  'test/electron/merge/merge-crash.test.ts',
];

export default defineConfig({
  test: {
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Logs go to files and sinks in tests; stderr stays for the test runner's own output.
    env: { OPENFAX_QUIET: '1' },
    // Rebuilds out/ when a source is newer: the wiring tests run the built bundle.
    globalSetup: ['test/global-setup.ts'],
    // Arrays merge with the root's (`extends`), so `include` is given per project only.
    projects: [
      { extends: true, test: { name: 'fast', include: ['test/**/*.test.ts', 'test/**/*.test.tsx'], exclude: SLOW } },
      { extends: true, test: { name: 'slow', include: SLOW } },
    ],
  },
});

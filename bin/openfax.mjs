#!/usr/bin/env node
// The `openfax` command. The CLI is TypeScript run directly by Node 24's type stripping.

const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  process.stderr.write(`openfax needs Node.js 24 or newer (this is ${process.version}). Run it with: npx node bin/openfax.mjs …\n`);
  process.exit(1);
}

const { runCli } = await import('../electron/cli/main.ts');
const { setLogLevel } = await import('../electron/core/logger.ts');
// Log lines would drown the command's own progress; OPENFAX_LOG_LEVEL=info brings them back.
if (!process.env.OPENFAX_LOG_LEVEL) setLogLevel('warn');

const controller = new AbortController();
let interrupts = 0;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    // First Ctrl-C: finish cleanly (stop waiting, close the database). Second: leave now.
    if (++interrupts > 1) process.exit(130);
    controller.abort();
  });
}

// The app keeps the API key in the OS keychain under 'Openfax Desktop' / account ID.
async function readApiKey(accountId) {
  const { createKeychainStore } = await import('../electron/secrets/keychain.ts');
  return createKeychainStore().get(accountId);
}

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  readApiKey,
  signal: controller.signal,
});

// `node --import` this file to make `import ... from 'electron'` load the fake.
import { registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';

const fakeUrl = pathToFileURL(new URL('./electron.ts', import.meta.url).pathname).href;
registerHooks({
  resolve(specifier, context, next) {
    if (specifier === 'electron') return { url: fakeUrl, shortCircuit: true, format: 'module-typescript' };
    return next(specifier, context);
  },
});

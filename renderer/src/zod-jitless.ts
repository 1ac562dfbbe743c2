// zod compiles faster parsers with `new Function` when eval is allowed, and finds out by trying
// it once. Our CSP has no 'unsafe-eval', so that try is refused and reported as a violation
// (test/e2e/security-csp.spec.ts). Saying so up front keeps the page's CSP report clean.
// Imported first by main.tsx, before any schema parses.

import { config } from 'zod';

config({ jitless: true });

// A new user's first start of the built main (test/fakes/first-run-suite.ts has what it must
// give). out/ is rebuilt by the global setup (test/global-setup.ts) whenever a source is newer.

import { describeFirstRun } from '../../fakes/first-run-suite.ts';

describeFirstRun('the first start of the installed app');

// The Compose estimate and the sandbox read one table of call timings: what the sandbox reports
// as CallDuration for a delivered fax is what the estimate told the person beforehand.

import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../electron/sandbox/index.ts';
import { estimateFax } from '../../renderer/src/screens/compose/estimate.ts';
import { RESOLUTION_CODE, RESOLUTIONS } from '../../shared/domain.ts';
import { detailRows, makePdf, sandbox, submit, submitFields } from '../electron/sandbox/helpers.ts';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

describe('call timing', () => {
  it.each(RESOLUTIONS)('the sandbox reports the call the estimate promised (%s)', async (resolution) => {
    sb = await sandbox();
    const pages = 3;
    await submit(sb, submitFields(await makePdf(pages), { faxResolution: String(RESOLUTION_CODE[resolution]) }));
    await sb.settle();
    const [row] = await detailRows(sb);
    expect(row).toMatchObject({ PagesSent: pages, LastStatus: 0 });
    expect(row?.CallDuration).toBe(estimateFax({ pages, recipients: 1, resolution }).secondsPerRecipient);
  });
});

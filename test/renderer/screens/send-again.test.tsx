// @vitest-environment happy-dom
// After a partly failed broadcast: the accepted recipients are listed unticked and kept out of
// the send; the confirm says who gets it and who already has it; ticking one back on sends it
// again on purpose, and the confirm says so.
import { describe, expect, it } from 'vitest';
import type { SentRecipient } from '../../../shared/ipc/contract/compose.ts';
import { SendArea } from '../../../renderer/src/screens/compose/send-area.tsx';
import { SentBeforeField } from '../../../renderer/src/screens/compose/sent-before-field.tsx';
import { composeDocument, composeState, draft } from '../fixtures.ts';
import { fakeMain, render, useStore, user } from '../harness.ts';

const refused = { number: '12025550105', display: '+1 202 555 0105', name: 'Restricted Line' };
const alice: SentRecipient = { number: '12025550150', display: '+1 202 555 0150', name: 'Alice Ames', jobId: 1, state: 'submitted' };
const carol: SentRecipient = { number: '12025550152', display: '+1 202 555 0152', name: 'Carol Cho', jobId: 3, state: 'delivered' };

async function partlySent() {
  const d = draft({ recipients: [refused], sentBefore: [alice, carol], documents: [composeDocument('d1', 'notice.pdf')] });
  fakeMain.answer('getCompose', () => composeState(d));
  await useStore.getState().loadCompose();
}

describe('Edit and send again', () => {
  it('lists the accepted recipients unticked, and the confirm names who gets it and who already has it', async () => {
    await partlySent();
    const field = await render(<SentBeforeField />);
    const boxes = [...field.querySelectorAll<HTMLInputElement>('[data-testid=sent-before-item]')];
    expect(boxes.map((b) => b.checked)).toEqual([false, false]);
    expect(field.textContent).toContain('Alice Ames · +1 202 555 0150 — already has it (accepted by Openfax)');
    expect(field.textContent).toContain('Carol Cho · +1 202 555 0152 — already has it (delivered)');

    const area = await render(<SendArea />);
    await user(() => area.querySelector<HTMLButtonElement>('[data-testid=send]')!.click());
    const dialog = area.querySelector('dialog')!;
    expect(dialog.querySelector('[data-testid=confirm-gets]')?.textContent).toBe('Restricted Line · +1 202 555 0105');
    expect(dialog.querySelector('[data-testid=confirm-has]')?.textContent).toContain('Alice Ames · +1 202 555 0150 — not sent again');
    expect(dialog.querySelector('[data-testid=confirm-again]')).toBeNull();
  });

  it('sends to an accepted recipient again only when ticked back on, and says so', async () => {
    await partlySent();
    const field = await render(<SentBeforeField />);
    await user(() => field.querySelector<HTMLInputElement>('[data-testid=sent-before-item]')!.click());
    expect(useStore.getState().composeFields?.recipients.map((r) => r.number)).toEqual([refused.number, alice.number]);

    const area = await render(<SendArea />);
    await user(() => area.querySelector<HTMLButtonElement>('[data-testid=send]')!.click());
    const dialog = area.querySelector('dialog')!;
    expect(dialog.querySelector('[data-testid=confirm-again]')?.textContent).toContain('Alice Ames · +1 202 555 0150');
    expect(dialog.querySelector('[data-testid=confirm-again]')?.textContent).toContain('this sends it a second time');
    expect(dialog.querySelector('[data-testid=confirm-has]')?.textContent).toContain('Carol Cho');
    expect(dialog.querySelector('[data-testid=confirm-has]')?.textContent).not.toContain('Alice');
  });
});

// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { SendArea } from '../../../renderer/src/screens/compose/send-area.tsx';
import { composeDocument, composeState, draft } from '../fixtures.ts';
import { fakeMain, render, until, useStore, user } from '../harness.ts';

const alice = { number: '12025550150', display: '+1 202 555 0150', name: 'Alice Ames' };

async function composeWith(d = draft()) {
  fakeMain.answer('getCompose', () => composeState(d));
  await useStore.getState().loadCompose();
}

const sendButton = (el: HTMLElement) => el.querySelector<HTMLButtonElement>('[data-testid=send]')!;

describe('Compose send area', () => {
  it('refuses to send without a recipient, says so, and asks main nothing', async () => {
    await composeWith(draft({ documents: [composeDocument('d1', 'memo.pdf', 3)] }));
    const area = await render(<SendArea />);
    expect(area.querySelector('[data-testid=estimate]')?.textContent).toContain('3 pages');
    await user(() => sendButton(area).click());
    const problems = area.querySelector('[data-testid=send-problems]');
    expect(problems?.getAttribute('role')).toBe('alert');
    expect(problems?.textContent).toContain('The fax was not sent.');
    expect(problems?.textContent).toContain('No recipient yet.');
    expect(area.querySelector('dialog')?.open).toBe(false);
    expect(fakeMain.requestsTo('sendCompose')).toEqual([]);
  });

  it('asks to confirm, sends the form, and disables Send until main has it', async () => {
    await composeWith(draft({ recipients: [alice], documents: [composeDocument('d1', 'memo.pdf')] }));
    let accept!: () => void;
    const accepted = new Promise<void>((r) => (accept = r));
    fakeMain.answer('sendCompose', async (fields) => {
      await accepted;
      return { ok: true, draft: draft({ ...fields, send: { startedAt: 1, phase: 'uploading', jobs: [] } }) };
    });
    const area = await render(<SendArea />);
    await user(() => sendButton(area).click());
    const dialog = area.querySelector('dialog')!;
    expect(dialog.open).toBe(true);
    expect(dialog.textContent).toContain('Alice Ames · +1 202 555 0150');

    const sendNow = [...dialog.querySelectorAll('button')].find((b) => b.textContent === 'Send now')!;
    await user(() => sendNow.click());
    await until(() => expect(sendButton(area).disabled).toBe(true));
    expect(sendButton(area).textContent).toContain('Sending…');
    expect(fakeMain.requestsTo('sendCompose')[0]?.recipients).toEqual([alice]);

    accept();
    await until(() => expect(sendButton(area).disabled).toBe(false));
    expect(useStore.getState().composeDraft?.send?.phase).toBe('uploading');
  });

  it("lists main's reasons when it refuses the fax", async () => {
    await composeWith(draft({ recipients: [alice], documents: [composeDocument('d1', 'memo.pdf')] }));
    fakeMain.answer('sendCompose', () => ({
      ok: false,
      problems: [{ field: 'credit', message: 'The credit does not cover this fax.', action: 'Add credit.', code: 'NoCredit' }],
    }));
    const area = await render(<SendArea />);
    await user(() => sendButton(area).click());
    await user(() => [...area.querySelectorAll<HTMLButtonElement>('dialog button')].find((b) => b.textContent === 'Send now')!.click());
    await until(() =>
      expect(area.querySelector('[data-testid=send-problems]')?.textContent).toContain('The credit does not cover this fax. Add credit.'),
    );
    expect(area.querySelector('[data-testid=send-problems] .code')?.textContent).toBe('(NoCredit)');
  });
});

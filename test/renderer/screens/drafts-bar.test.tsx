// @vitest-environment happy-dom
// The drafts list on Compose: every open draft with its name, pages and recipients; choosing
// one shows it; the "add to this fax" choice is saved as the setting.
import { describe, expect, it } from 'vitest';
import { SETTINGS_DEFAULTS } from '../../../shared/settings.ts';
import { DraftsBar } from '../../../renderer/src/screens/compose/drafts-bar.tsx';
import { composeDocument, composeState, draft } from '../fixtures.ts';
import { fakeMain, render, until, useStore, user } from '../harness.ts';

const alice = { number: '12025550150', display: '+1 202 555 0150', name: 'Alice Ames' };
const quote = draft({ id: 'quote', recipients: [alice], documents: [composeDocument('d1', 'Quote.pdf', 2)] });
const printed = draft({ id: 'printed', documents: [composeDocument('d2', 'Lab results.pdf')] });

describe('Compose drafts bar', () => {
  it('lists the drafts, shows another on a click, and saves "add new prints to this fax"', async () => {
    fakeMain.answer('getCompose', () => composeState(printed, [quote]));
    await useStore.getState().loadCompose();
    useStore.setState({ settings: { ...SETTINGS_DEFAULTS } });
    const bar = await render(<DraftsBar />);
    const items = [...bar.querySelectorAll('[data-testid=draft-item]')];
    expect(items.map((i) => i.textContent)).toEqual(['Lab results.pdf1 page · no recipient yet', 'Quote.pdf2 pages · to Alice Ames']);
    expect(items.map((i) => i.getAttribute('data-shown'))).toEqual(['true', 'false']);

    fakeMain.answer('openComposeDraft', () => composeState(quote, [printed]));
    await user(() => items[1]!.querySelector<HTMLButtonElement>('.draft-open')!.click());
    await until(() => expect(useStore.getState().composeDraft?.id).toBe('quote'));
    expect(fakeMain.requestsTo('openComposeDraft')).toEqual([{ id: 'quote' }]);
    expect(useStore.getState().composeFields?.recipients).toEqual([alice]);

    fakeMain.answer('updateSettings', ({ patch }) => ({ ok: true, settings: { ...SETTINGS_DEFAULTS, ...patch } }));
    await user(() => bar.querySelector<HTMLInputElement>('[data-testid=arrivals-join]')!.click());
    await until(() => expect(fakeMain.requestsTo('updateSettings')).toEqual([{ patch: { arrivalsJoinOpenDraft: true } }]));
  });
});

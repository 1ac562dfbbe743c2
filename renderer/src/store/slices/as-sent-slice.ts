// "As sent by Openfax": the image Openfax sent of a fax, read from main one page at a time for
// the job panel. Nothing is kept here: the panel holds the page it shows.

import type { StateCreator } from 'zustand';
import type { AsSentPage } from '../../../../shared/ipc/contract/sent.ts';
import { call } from '../../ipc/api.ts';
import { messageOf } from '../../ipc/message-of.ts';
import type { RootState } from '../index.ts';

export interface AsSentSlice {
  /** Page `page` (1-based) of the image Openfax sent of fax `jobId`, or why there is none to show. */
  loadAsSentPage(jobId: number, page: number): Promise<AsSentPage>;
}

export const createAsSentSlice: StateCreator<RootState, [], [], AsSentSlice> = () => ({
  async loadAsSentPage(jobId, page) {
    try {
      return await call('getAsSentPage', { jobId, page });
    } catch (err) {
      return { state: 'unavailable', reason: `The image Openfax sent could not be read: ${messageOf(err)}` };
    }
  },
});

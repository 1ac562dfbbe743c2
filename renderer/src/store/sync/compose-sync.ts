// Events of the compose feature → store actions, and PDFs dropped anywhere on the window
// (whatever screen is showing: the drop opens Compose). A Word file dropped is a mail-merge
// template instead (it opens the merge), and on the merge screen a CSV or Excel file is its rows.
// Returns a disposer.

import { subscribe } from '../../ipc/api.ts';
import { useStore } from '../index.ts';
import { isDocxFile, isMergeDataFile } from '../slices/merge-slice.ts';

function hasFiles(e: DragEvent): boolean {
  return Array.from(e.dataTransfer?.types ?? []).includes('Files');
}

export function startComposeSync(): () => void {
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  const refreshSoon = () => {
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => void useStore.getState().refreshComposeContext(), 300);
  };
  const offs = [
    subscribe('composeChanged', (payload) => {
      const s = useStore.getState();
      s.applyComposeChanged(payload);
      if (payload.added.length) s.navigate('compose');
    }),
    subscribe('composeImageProgress', (progress) => useStore.getState().applyComposeImageProgress(progress)),
    subscribe('composeSendProgress', (status) => {
      useStore.getState().applyComposeProgress(status);
      if (status.phase !== 'uploading') refreshSoon();
    }),
    // The estimate's credit and price, and the defaults, follow the account and the settings.
    subscribe('accountChanged', () => refreshSoon()),
    subscribe('settingsChanged', () => refreshSoon()),
  ];

  let depth = 0;
  const onEnter = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth += 1;
    useStore.getState().setComposeDragging(true);
  };
  const onOver = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    // Without this the browser opens the dropped file in place of the app.
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  };
  const onLeave = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) useStore.getState().setComposeDragging(false);
  };
  const onDrop = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    const s = useStore.getState();
    s.setComposeDragging(false);
    const files = Array.from(e.dataTransfer?.files ?? []);
    if (files.length === 0) return;
    const template = files.find(isDocxFile);
    const data = s.screen === 'merge' ? files.find(isMergeDataFile) : undefined;
    const documents = files.filter((f) => !isDocxFile(f) && f !== data);
    // The template first: the rows belong to the merge it starts.
    void (async () => {
      if (template) await s.openMergeTemplate(template);
      if (data) await useStore.getState().openMergeData(data);
    })();
    if (template || data) s.navigate('merge');
    else if (documents.length) s.navigate('compose');
    if (documents.length) void s.addComposeFiles(documents);
  };
  window.addEventListener('dragenter', onEnter);
  window.addEventListener('dragover', onOver);
  window.addEventListener('dragleave', onLeave);
  window.addEventListener('drop', onDrop);

  return () => {
    if (refreshTimer) clearTimeout(refreshTimer);
    for (const off of offs) off();
    window.removeEventListener('dragenter', onEnter);
    window.removeEventListener('dragover', onOver);
    window.removeEventListener('dragleave', onLeave);
    window.removeEventListener('drop', onDrop);
  };
}

// The channel names alone, without their schemas: what the preload needs to build
// `window.openfax`. It must not import zod (the preload is one self-contained file that a
// sandbox loads on every window), so the names live here as data and contract.ts checks,
// at the type level, that its tables declare exactly these channels.

export const METHOD_NAMES = [
  // app
  'getAppInfo',
  'revealDataDir',
  'rendererReady',
  // account
  'getAccount',
  'saveAccount',
  'removeApiKey',
  'setAccountMode',
  'testConnection',
  'testAccount',
  'getConnection',
  'getSettings',
  'updateSettings',
  'pickHotFolder',
  'getHotFolder',
  'openHotFolder',
  'setHotFolderPaused',
  // compose
  'getCompose',
  'saveComposeDraft',
  'addComposeFiles',
  'addComposePaths',
  'grantDroppedPaths',
  'pickComposeDocuments',
  'removeComposeDocument',
  'reorderComposeDocuments',
  'getComposeDocumentBytes',
  'getCoverPreview',
  'sendCompose',
  'discardCompose',
  'undoDiscardCompose',
  'newComposeDraft',
  'openComposeDraft',
  'dismissComposeSend',
  // contacts
  'listContacts',
  'searchContacts',
  'getContact',
  'saveContact',
  'deleteContacts',
  'setFavourite',
  'listGroups',
  'saveGroup',
  'deleteGroup',
  'groupRecipients',
  'importOpen',
  'importAnalyze',
  'importFixRow',
  'importCommit',
  'importCancel',
  'exportContacts',
  // jobs
  'listOutbox',
  'getOutboxSummary',
  'listBroadcastJobs',
  'getJobDetail',
  'getJobDocument',
  'openJobDocument',
  'resendJob',
  'resendBroadcastFailed',
  'cancelJob',
  'cancelBroadcast',
  'retryJob',
  'exportJobsCsv',
  // merge
  'getMerge',
  'openMergeTemplate',
  'openMergeData',
  'updateMerge',
  'listMergeRows',
  'fixMergeRow',
  'setMergeRowsLeftOut',
  'previewMergeRow',
  'startMerge',
  'pauseMerge',
  'resumeMerge',
  'cancelMerge',
  'discardMerge',
  // printer
  'getPrinterSetup',
  'installPrinter',
  'removePrinter',
  // report
  'saveJobReport',
  'saveBroadcastReport',
  'pickArchiveFolder',
  // sent
  'getAsSentPage',
  // update
  'getUpdate',
  'checkForUpdate',
  'restartToUpdate',
  'postponeUpdate',
] as const;

export const EVENT_NAMES = [
  // app
  'navigate',
  'runShortcut',
  'showGettingStarted',
  'notice',
  // account
  'accountChanged',
  'connectionChanged',
  'settingsChanged',
  'hotFolderChanged',
  // compose
  'composeChanged',
  'composeSendProgress',
  'composeImageProgress',
  // contacts
  'contactsImportProgress',
  'contactsChanged',
  // jobs
  'jobsChanged',
  // merge
  'mergeChanged',
  'mergeProgress',
  // printer
  'printerStep',
  // report
  'reportProgress',
  // update
  'updateChanged',
] as const;

export type MethodName = (typeof METHOD_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

/**
 * Channels only the preload sends, with what its isolated world alone can see: the paths of
 * files a person dropped (webUtils.getPathForFile). `window.openfax` offers no method for them,
 * so page script can never name a path for main to read; the preload's `addDroppedFiles` takes
 * File objects instead. Every transport builds its bridge from PAGE_METHOD_NAMES.
 */
export const PRELOAD_ONLY_METHODS = ['addComposePaths', 'grantDroppedPaths'] as const satisfies readonly MethodName[];
export type PreloadOnlyMethod = (typeof PRELOAD_ONLY_METHODS)[number];
/** A channel `window.openfax` offers as a method taking the page's request. */
export type PageMethodName = Exclude<MethodName, PreloadOnlyMethod>;

export const PAGE_METHOD_NAMES: readonly PageMethodName[] = METHOD_NAMES.filter(
  (name): name is PageMethodName => !(PRELOAD_ONLY_METHODS as readonly string[]).includes(name),
);

/** The most paths one drop grants (the rest of a larger drop goes up as bytes). */
export const MAX_DROPPED_PATHS = 100;

/** Bridge members that are not channels. `addDroppedFiles` (Electron only) takes File objects, never paths. */
export const HOST_MEMBERS = ['capabilities', 'addDroppedFiles'] as const;

/**
 * The one answer for a path main was not handed by a drop, the Add documents dialog, "Open with"
 * or the hot folder, or that is no longer the file it was handed: the same words whether
 * something is there or not, so a caller learns nothing about the disk.
 */
export const PATH_NOT_GRANTED = {
  code: 'path-not-granted',
  message: 'Openfax Desktop can only add files you drop on its window or choose with Add documents.',
  action: 'Drop the file on the Openfax window, or choose it with Add documents.',
} as const;

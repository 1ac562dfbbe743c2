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
  // printer
  'getPrinterSetup',
  'installPrinter',
  'removePrinter',
] as const;

export const EVENT_NAMES = [
  // app
  'navigate',
  'runShortcut',
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
  // printer
  'printerStep',
] as const;

export type MethodName = (typeof METHOD_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

/** Bridge members that are not channels. */
export const HOST_MEMBERS = ['capabilities', 'pathForFile'] as const;

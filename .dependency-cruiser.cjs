// The floors of docs/ARCHITECTURE.md, checked on every `npm test` (step "layers"). A file may
// import from its own floor or below; never up, never in a circle.
//   1 shared/                      the contract, fax rules, vendor tables
//   2 core                         electron/{core,openfax,sandbox,store,pdf,secrets}; renderer/ (on shared/ alone)
//   3 engines                      electron/{outbox,hotfolder,compose,contacts,account,settings,outbox-view,report,as-sent,update}
//   4 composition                  electron/app/
//   5 entries                      electron/{main.ts,preload.ts,wiring,web,cli}
const CORE = '^electron/(core|openfax|sandbox|store|pdf|secrets)/';
const ENGINES = '^electron/(outbox|hotfolder|compose|contacts|account|settings|outbox-view|report|as-sent|update|merge)/';
const APP = '^electron/app/';
const ENTRIES = '^electron/(main\\.ts|preload\\.ts|wiring/|web/|cli/)';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      // zustand's slices pattern types each slice with the root state (type-only, erased at build).
      comment: 'No circles at run time: split the shared piece out.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'shared-imports-nothing-of-ours',
      severity: 'error',
      comment: 'shared/ runs in both processes: it imports only shared/ and npm packages.',
      from: { path: '^shared/' },
      to: { path: '^(electron|renderer|test|bench|scripts)/' },
    },
    {
      name: 'renderer-on-shared-alone',
      severity: 'error',
      comment: 'The renderer reaches main only through the contract: it imports renderer/ and shared/ alone.',
      from: { path: '^renderer/' },
      to: { path: '^(electron|test|bench|scripts)/' },
    },
    {
      name: 'core-not-up',
      severity: 'error',
      comment: 'Core (floor 2) imports only core and shared/.',
      from: { path: CORE },
      to: { path: [ENGINES, APP, ENTRIES] },
    },
    {
      name: 'engines-not-up',
      severity: 'error',
      comment: 'Engines (floor 3) never import the composition or an entry: take what you need as an argument.',
      from: { path: ENGINES },
      to: { path: [APP, ENTRIES] },
    },
    {
      name: 'app-not-up',
      severity: 'error',
      comment: 'The composition (floor 4) never imports an entry.',
      from: { path: APP },
      to: { path: ENTRIES },
    },
    {
      name: 'entries-not-each-other',
      severity: 'error',
      comment: 'Entries are thin and independent: the CLI, the browser host and Electrons main share code through app/ and below.',
      from: { path: '^electron/(web|cli)/' },
      to: { path: '^electron/(main\\.ts|preload\\.ts|wiring/)' },
    },
    {
      name: 'every-source-file-on-a-floor',
      severity: 'error',
      comment: 'A new folder under electron/ needs a floor: add it to .dependency-cruiser.cjs and docs/ARCHITECTURE.md.',
      from: { path: '^electron/', pathNot: [CORE, ENGINES, APP, ENTRIES, '\\.d\\.ts$', '\\.md$'] },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    parser: 'swc',
    exclude: { path: '^(node_modules|out|dist)/' },
  },
};

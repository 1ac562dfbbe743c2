// pdf.js ships no declarations for its worker module; pdfjs-loader.ts imports it only to have
// it loaded (as globalThis.pdfjsWorker) and reads nothing from it by name.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}

// `--import`ed into a child the fake utilityProcess forks: Electron's `process.parentPort`,
// over the child_process channel. Messages arrive as a MessageEvent ({ data, ports }), as in
// Electron; the child ends with its parent, as a utility process does.
import { EventEmitter } from 'node:events';

// What a utility process says about itself: libraries that look for Electron (pdf.js does, to
// choose between its Node and its browser code) must meet the same process as in the app.
process.type = 'utility';
Object.defineProperty(process.versions, 'electron', { value: '45.5.0', enumerable: true });

const port = new EventEmitter();
port.postMessage = (message) => process.send?.(message);
port.start = () => {};
process.on('message', (data) => port.emit('message', { data, ports: [] }));
process.on('disconnect', () => process.exit(0));
process.parentPort = port;

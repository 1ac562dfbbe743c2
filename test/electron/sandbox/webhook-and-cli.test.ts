// The optional postback of a final fax, and `npm run sandbox` as a person runs it.

import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../electron/sandbox/index.ts';
import { credit, DEMO, makePdf, sandbox, submit, submitFields } from './helpers.ts';

let sb: Sandbox | undefined;
let receiver: Server | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
  await new Promise((r) => (receiver ? receiver.close(r) : r(undefined)));
  receiver = undefined;
});

describe('webhook postback', () => {
  it('posts the documented fields as form data once per final fax', async () => {
    const posts: Array<{ type: string | undefined; fields: Record<string, string> }> = [];
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        posts.push({ type: req.headers['content-type'], fields: Object.fromEntries(new URLSearchParams(body)) });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => receiver?.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/getPostBack.php`;
    sb = await sandbox({ webhookUrl: url });
    const ok = await submit(sb, submitFields(await makePdf(3), { toHeader: 'Ann', frHeader: 'Bob' }));
    const failed = await submit(sb, submitFields(await makePdf(3), { FaxNumber: '12025550102' }));
    await sb.settle();
    expect(posts).toHaveLength(2);
    expect(posts[0].type).toMatch(/^application\/x-www-form-urlencoded/);
    const byId = Object.fromEntries(posts.map((p) => [p.fields.OutTransID, p.fields]));
    expect(byId[String(ok.OutTransID)]).toEqual({
      OutTransID: ok.OutTransID,
      AccountID: DEMO.accountId,
      From: 'Bob',
      To: 'Ann',
      PagesSent: '3',
      CallDuration: '90',
      LastStatus: '0',
      RealCost: '0.21',
    });
    expect(byId[String(failed.OutTransID)]).toMatchObject({ LastStatus: '1', PagesSent: '0', RealCost: '0' });
  });
});

describe('npm run sandbox', () => {
  it('prints URL, demo account and magic numbers, serves requests, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['electron/sandbox/cli.ts', '--port', '0', '--speed', '1000'], {
      cwd: new URL('../../../', import.meta.url),
      env: { ...process.env, OPENFAX_QUIET: '1' },
    });
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    child.stderr.on('data', (c) => {
      out += c;
    });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${out}`)), 15_000);
      child.stdout.on('data', () => {
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m && out.includes('Ctrl+C')) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
    expect(out).toContain(DEMO.accountId);
    expect(out).toContain(DEMO.apiKey);
    expect(out).toContain('…5550101');
    expect(out).toContain('12025550102');
    expect(await credit({ url })).toEqual([{ AvailableCredit: 1000 }]);
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  });

  it('refuses a bad option with the usage text', async () => {
    const child = spawn(process.execPath, ['electron/sandbox/cli.ts', '--speed', 'fast'], { cwd: new URL('../../../', import.meta.url) });
    let err = '';
    child.stderr.on('data', (c) => {
      err += c;
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('--speed must be a number');
    expect(err).toContain('Usage:');
  });

  it('refuses a wrong fault setting, naming it', async () => {
    const child = spawn(process.execPath, ['electron/sandbox/cli.ts', '--faults', 'rate=half'], {
      cwd: new URL('../../../', import.meta.url),
    });
    let err = '';
    child.stderr.on('data', (c) => {
      err += c;
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('--faults "rate=half": rate=half is not a share from 0 to 1');
    expect(err).toContain('--faults    fail a share of requests');
  });
});

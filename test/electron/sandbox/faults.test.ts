// Each fault kind, seen from a real HTTP client, and where it strikes: before the submission
// is accepted (no fax) or after (a fax exists although the client never got a clean answer).

import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FaultKind, Sandbox } from '../../../electron/sandbox/index.ts';
import { credit, DEMO, makePdf, postMultipart, sandbox, submitFields } from './helpers.ts';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

async function attempt(s: Sandbox, fields: Record<string, string>) {
  const started = performance.now();
  try {
    const res = await postMultipart(`${s.url}/faxSendSubmit.php`, fields);
    return { status: res.status, text: await res.text(), ms: performance.now() - started };
  } catch (e) {
    return { error: e as Error, ms: performance.now() - started };
  }
}

async function withFault(kind: FaultKind, latencyMs?: number) {
  sb = await sandbox({ faults: { rate: 1, kinds: [kind], latencyMs, seed: 7 } });
  return attempt(sb, submitFields(await makePdf(1)));
}

describe('faults', () => {
  it('http500: an Apache error page, and nothing accepted', async () => {
    const r = await withFault('http500');
    expect(r.status).toBe(500);
    expect(r.text).toContain('500 Internal Server Error');
    expect(sb?.faxes()).toEqual([]);
  });

  it('drop: the connection closes without an answer, and nothing accepted', async () => {
    const r = await withFault('drop');
    expect(r.error).toBeInstanceOf(Error);
    expect(sb?.faxes()).toEqual([]);
  });

  it('drop-after-accept: no answer, but the fax IS accepted (the never-double-send case)', async () => {
    const r = await withFault('drop-after-accept');
    expect(r.error).toBeInstanceOf(Error);
    expect(sb?.faxes()).toHaveLength(1);
    await sb?.settle();
    expect(sb?.faxes()[0].currentState).toBe(8);
  });

  it('malformed: a PHP warning before the JSON, or JSON cut short; the fax is accepted', async () => {
    const seen = new Set<string>();
    sb = await sandbox({ faults: { rate: 1, kinds: ['malformed'], seed: 3 } });
    const fields = submitFields(await makePdf(1));
    for (let i = 0; i < 8; i++) {
      const r = await attempt(sb, fields);
      expect(r.status).toBe(200);
      expect(() => JSON.parse(r.text ?? '')).toThrow();
      seen.add(r.text?.startsWith('<br />') ? 'warning' : 'truncated');
      if (r.text?.startsWith('<br />')) expect(r.text).toMatch(/Warning.*\{"Response":"Success","OutTransID":"\d+"\}$/s);
    }
    expect(seen).toEqual(new Set(['warning', 'truncated']));
    expect(sb.faxes()).toHaveLength(8);
  });

  it('latency: the answer comes late but intact', async () => {
    const r = await withFault('latency', 300);
    expect(r.ms).toBeGreaterThanOrEqual(290);
    expect(JSON.parse(r.text ?? '').Response).toBe('Success');
  });

  it('rate picks a share of requests; the same seed replays the same faults', async () => {
    sb = await sandbox();
    const fields = submitFields(await makePdf(1));
    const play = async () => {
      sb?.setFaults({ rate: 0.5, kinds: ['http500', 'drop'], seed: 42 });
      const out: string[] = [];
      for (let i = 0; i < 30; i++) {
        const r = await attempt(sb!, fields);
        out.push(r.error ? 'drop' : r.status === 500 ? '500' : 'ok');
      }
      return out;
    };
    const a = await play();
    const b = await play();
    expect(b).toEqual(a);
    const faulted = a.filter((x) => x !== 'ok').length;
    expect(faulted).toBeGreaterThan(5);
    expect(faulted).toBeLessThan(25);
    expect(a).toContain('drop');
    expect(a).toContain('500');
    expect(sb.faxes()).toHaveLength(2 * a.filter((x) => x === 'ok').length);
  });

  it('paths limits faults to chosen endpoints; setFaults(undefined) turns them off', async () => {
    sb = await sandbox({ faults: { rate: 1, kinds: ['http500'], paths: ['/faxSendSubmit.php'] } });
    expect(await credit(sb)).toEqual([{ AvailableCredit: 1000 }]);
    expect((await attempt(sb, submitFields(await makePdf(1)))).status).toBe(500);
    sb.setFaults(undefined);
    expect((await attempt(sb, submitFields(await makePdf(1)))).status).toBe(200);
    expect(sb.faxes()).toHaveLength(1);
    expect(DEMO.apiKey).toBe('sandbox-demo-key');
  });

  it('faults hit the credit and report endpoints too', async () => {
    sb = await sandbox({ faults: { rate: 1, kinds: ['malformed'], seed: 1 } });
    const res = await postMultipart(`${sb.url}/getAvailableCredit.php`, { AccountID: DEMO.accountId, APIKey: DEMO.apiKey });
    const text = await res.text();
    expect(() => JSON.parse(text)).toThrow();
  });

  it('a client that gives up mid-upload leaves no fax behind', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'openfax-cut-off-'));
    sb = await sandbox({ dataDir });
    const form = new FormData();
    for (const [k, v] of Object.entries(submitFields(await makePdf(30)))) form.append(k, v);
    const encoded = new Response(form);
    const type = encoded.headers.get('content-type') ?? '';
    const body = Buffer.from(await encoded.arrayBuffer());
    const { hostname, port } = new URL(sb.url);
    await new Promise<void>((resolve) => {
      // Every multipart part arrives, but the body promised 100 more bytes: the upload was cut off.
      // The client ends its side after the last byte; the server reads them all, sees the end
      // before the promised length, and closes the connection, which is what ends this wait.
      const headers = { 'content-type': type, 'content-length': body.length + 100 };
      const req = request({ hostname, port, path: '/faxSendSubmit.php', method: 'POST', headers });
      req.on('error', () => resolve());
      req.on('close', () => resolve());
      req.write(body, () => req.socket?.end());
    });
    // Closing waits for every request still being handled; the log read again is the final word.
    await sb.close();
    sb = await sandbox({ dataDir });
    expect(sb.faxes()).toEqual([]);
    await sb.close();
    sb = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });
});

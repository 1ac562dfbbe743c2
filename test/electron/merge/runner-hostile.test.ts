// taskkill is run by its full path under the Windows folder, as reg.exe and PowerShell are: a
// taskkill.exe planted earlier on the PATH (or in the current folder) is never the one run.

import { describe, expect, it } from 'vitest';
import { taskkillPath } from '../../../electron/merge/convert/process-runner.ts';

describe('taskkill', () => {
  it('is System32\\taskkill.exe under SystemRoot (else windir, else C:\\Windows), never a bare name', () => {
    expect(taskkillPath({ SystemRoot: 'D:\\Win' })).toBe('D:\\Win\\System32\\taskkill.exe');
    expect(taskkillPath({ windir: 'E:\\W' })).toBe('E:\\W\\System32\\taskkill.exe');
    expect(taskkillPath({})).toBe('C:\\Windows\\System32\\taskkill.exe');
  });
});

// Which links reach the person's browser (electron/core/external-links.ts): https pages on
// Openfax's own site, nothing else; a refusal shows no path or query.

import { describe, expect, it } from 'vitest';
import { checkExternalLink } from '../../../electron/core/external-links.ts';

describe('checkExternalLink', () => {
  it('opens https pages on Openfax’s own site', () => {
    expect(checkExternalLink('https://openfax.com/help?topic=printer')).toEqual({
      open: true,
      url: 'https://openfax.com/help?topic=printer',
    });
    expect(checkExternalLink('https://WWW.OpenFax.com')).toEqual({ open: true, url: 'https://www.openfax.com/' });
  });

  it.each([
    ['plain http', 'http://openfax.com/'],
    ['another host', 'https://evil.example/'],
    ['a look-alike host', 'https://openfax.com.evil.example/'],
    ['a subdomain not listed', 'https://api.openfax.com/'],
    ['a user name that hides the host', 'https://openfax.com@evil.example/'],
    ['credentials', 'https://me:pw@openfax.com/'],
    ['a port', 'https://openfax.com:8443/'],
    ['a file', 'file:///etc/passwd'],
    ['a program-launching scheme', 'ms-msdt:/id PCWDiagnostic'],
    ['javascript', 'javascript:alert(1)'],
    ['not a URL', 'openfax.com'],
  ])('refuses %s', (_what, url) => {
    expect(checkExternalLink(url).open).toBe(false);
  });

  it('logs only the scheme and host of a refused link', () => {
    expect(checkExternalLink('https://evil.example/home/ann/Tax%20return.pdf?token=s3cret#x')).toEqual({
      open: false,
      shown: 'https://evil.example',
    });
    expect(checkExternalLink('file:///home/ann/Tax return.pdf')).toEqual({ open: false, shown: 'file://' });
    expect(checkExternalLink('%%%')).toEqual({ open: false, shown: '(not a URL)' });
  });
});

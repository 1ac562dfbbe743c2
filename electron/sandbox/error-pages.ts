// Apache's own error pages: what api.openfax.com answers when a request never reaches a PHP
// script (no such script, a body or headers too large, a client too slow, a malformed request).
// The client must treat any of them as an HTTP failure, never as a vendor answer.

const SERVER = '<address>Apache/2.4.41 (Ubuntu) Server at api.openfax.com Port 443</address>';

const page = (status: string, title: string, text: string) => `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>${status} ${title}</title>
</head><body>
<h1>${title}</h1>
${text}
<hr>
${SERVER}
</body></html>
`;

export const NOT_FOUND_PAGE = page('404', 'Not Found', '<p>The requested URL was not found on this server.</p>');

export const BAD_REQUEST_PAGE = page(
  '400',
  'Bad Request',
  '<p>Your browser sent a request that this server could not understand.<br />\n</p>',
);

export const TIMEOUT_PAGE = page('408', 'Request Timeout', '<p>Server timeout waiting for the HTTP request from the client.</p>');

/** The path is not echoed: Apache's page names it, but nothing here needs it. */
export const TOO_LARGE_PAGE = page(
  '413',
  'Request Entity Too Large',
  'The requested resource does not allow request data with POST requests, or the amount of data provided in\nthe request exceeds the capacity limit.',
);

export const HEADERS_TOO_LARGE_PAGE = page(
  '431',
  'Request Header Fields Too Large',
  '<p>Your browser sent a request that this server could not understand.<br />\nSize of a request header field exceeds server limit.<br />\n</p>',
);

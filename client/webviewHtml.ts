/**
 * The page shell every webview of the extension uses: a strict Content-Security-Policy where
 * only our own nonce-tagged script and style load (no inline code, no network), the page's
 * stylesheet and one bundled script.
 */
import { randomBytes } from 'node:crypto';

export interface PageAssets {
  scriptUri: string;
  styleUri: string;
  /** The webview's `cspSource` (where local resources are served from). */
  cspSource: string;
}

export function newNonce(): string {
  return randomBytes(16).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

/** `body` is trusted markup of ours; document text never goes here (the pages build it with DOM calls). */
export function pageHtml(a: PageAssets, title: string, body: string, nonce: string = newNonce()): string {
  const csp = [
    "default-src 'none'",
    `style-src ${a.cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${a.cspSource}`,
    `img-src ${a.cspSource} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${nonce}" href="${a.styleUri}">
<title>${title}</title>
</head>
<body>
${body}
<script nonce="${nonce}" src="${a.scriptUri}"></script>
</body>
</html>`;
}

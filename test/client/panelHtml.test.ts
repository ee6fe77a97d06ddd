import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newNonce, panelHtml } from '../../client/panel/html';

test('the panel HTML allows only its nonce-tagged script and its own styles', () => {
  const html = panelHtml({ scriptUri: 'vscode-resource://x/panel.js', styleUri: 'vscode-resource://x/panel.css', cspSource: 'vscode-resource:' }, 'N0NCE');
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'nonce-N0NCE'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
  assert.equal(scripts.length, 1);
  assert.match(scripts[0]!, /nonce="N0NCE"/);
  assert.doesNotMatch(html, /\son\w+=/, 'no inline event handlers');
});

test('nonces are fresh and alphanumeric', () => {
  const a = newNonce();
  assert.match(a, /^[A-Za-z0-9]{16,}$/);
  assert.notEqual(a, newNonce());
});

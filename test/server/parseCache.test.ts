/**
 * The parse cache answers for the document's current version. TextDocuments applies edits to
 * the same TextDocument object (TextDocument.update mutates it), so a parse taken before an
 * edit must not be mistaken for the edited text: that gave an empty completion list after
 * didChange in the stdio test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { service } from './helpers';

const EDITED = '[ { "$source": { "connectionName": "nope" } } ]';

test('an edit applied in place to the same document object is parsed again before completion', () => {
  const s = service();
  const doc = TextDocument.create('file:///ws/inplace.asp.json', 'asp-json', 1, '[');
  // What the debounced validation of version 1 does when it runs before didChange arrives.
  s.validate(doc);
  TextDocument.update(doc, [{ text: EDITED }], 2);
  const items = s.complete(doc, { line: 0, character: 37 }).items.map((i) => i.label);
  assert.ok(items.includes('sample_stream_solar'), items.join());
  assert.ok(s.validate(doc).some((d) => d.code === 'ASP510'), 'validation sees the edited text');
});

test('incremental edits: every version is parsed from its own text, and an unchanged version is reused', () => {
  const s = service();
  const doc = TextDocument.create('file:///ws/incremental.asp.json', 'asp-json', 1, EDITED);
  const first = s.parse(doc);
  assert.equal(s.parse(doc), first, 'same version, same text: one parse');
  // Rename the connection in place: `nope` -> `sample_stream_solar`.
  const start = EDITED.indexOf('nope');
  TextDocument.update(doc, [{ range: { start: doc.positionAt(start), end: doc.positionAt(start + 4) }, text: 'sample_stream_solar' }], 2);
  const second = s.parse(doc);
  assert.notEqual(second, first);
  assert.equal(second.text, doc.getText());
  assert.equal(first.text, EDITED, 'an older parse keeps the text it was built from');
  assert.ok(!s.validate(doc).some((d) => d.code === 'ASP510'), 'the renamed connection exists');
});

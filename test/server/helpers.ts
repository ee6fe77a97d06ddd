/** Test helpers: inline documents with a `|` cursor marker, over the real engine catalog. */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { createEngineLanguageService } from '../../server/service/catalog';
import type { AspLanguageService } from '../../server/service';

let version = 0;

/** A document from text with one `|` marking the cursor (the marker is removed). */
export function at(text: string, uri = 'file:///ws/test.asp.json'): { doc: TextDocument; pos: Position; offset: number } {
  const offset = text.indexOf('|');
  if (offset < 0) throw new Error('test text needs a | cursor marker');
  const clean = text.slice(0, offset) + text.slice(offset + 1);
  const doc = TextDocument.create(uri, 'asp-json', ++version, clean);
  return { doc, pos: doc.positionAt(offset), offset };
}

export function docOf(text: string, uri = 'file:///ws/test.asp.json'): TextDocument {
  return TextDocument.create(uri, 'asp-json', ++version, text);
}

export function service(connections?: string): AspLanguageService {
  const s = createEngineLanguageService();
  if (connections !== undefined) s.setConnections('file:///ws/asp.connections.json', connections, '/ws/asp.connections.json');
  return s;
}

export function labels(s: AspLanguageService, text: string): string[] {
  const { doc, pos } = at(text);
  return s.complete(doc, pos).items.map((i) => i.label);
}

export const REGISTRY = JSON.stringify({
  connections: [
    { name: 'kafka1', type: 'Kafka', bootstrapServers: 'localhost:9092', authentication: { mechanism: 'PLAIN', username: 'u', password: '${env:KAFKA_PW}' } },
    { name: 'atlas1', type: 'Cluster', uri: 'mongodb://user:${env:PW}@127.0.0.1:27017/?tls=true' },
    { name: 'web', type: 'Https', url: 'https://api.example.com/v1?token=abc' },
  ],
}, null, 2);

/** Completion in the processor form outside the pipeline: top-level keys and `options` (asp-spec §6, §8). */
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { JsonPath } from '../../engine/core/types';
import type { ServiceCtx } from './context';
import { keyHasValue, push, type ItemSink } from './items';
import { keysOf, nodeAt } from './jsonNav';
import { allowedConnectionTypes } from './connectionKinds';

interface KeyDoc {
  name: string;
  detail: string;
  snippet: string;
  values?: string[];
}

export const PROCESSOR_KEYS: KeyDoc[] = [
  { name: 'name', detail: 'processor name', snippet: '"$1"' },
  { name: 'pipeline', detail: 'the stages, $source first', snippet: '[\n\t{ "\\$source": { "connectionName": "${1:sample_stream_solar}" } }$0\n]' },
  { name: 'options', detail: 'dlq, streamMetaFieldName, tier', snippet: '{ $1 }' },
];

export const OPTION_KEYS: KeyDoc[] = [
  { name: 'dlq', detail: 'dead letter queue: a Cluster (or local) collection', snippet: '{ "connectionName": "${1:local}", "db": "${2:dlq}", "coll": "${3:dlq}" }' },
  { name: 'streamMetaFieldName', detail: 'name of the metadata field ("" disables it)', snippet: '"${1:_stream_meta}"' },
  { name: 'tier', detail: 'Atlas tier (ignored locally)', snippet: '"${1|SP2,SP5,SP10,SP30,SP50|}"', values: ['SP2', 'SP5', 'SP10', 'SP30', 'SP50'] },
  { name: 'failover', detail: 'Atlas failover (ignored locally)', snippet: '${1|true,false|}', values: [] },
  { name: 'enableAutoScaling', detail: 'Atlas autoscaling (ignored locally)', snippet: '${1|true,false|}', values: [] },
];

const DLQ_KEYS: KeyDoc[] = [
  { name: 'connectionName', detail: 'Cluster connection for the DLQ', snippet: '"${1:local}"' },
  { name: 'db', detail: 'database', snippet: '"$1"' },
  { name: 'coll', detail: 'collection', snippet: '"$1"' },
];

export function processorCompletions(ctx: ServiceCtx, out: ItemSink, path: JsonPath, atKey: boolean): void {
  const parent = path.slice(0, -1).join('.');
  if (atKey) {
    const list = parent === '' ? PROCESSOR_KEYS : parent === 'options' ? OPTION_KEYS : parent === 'options.dlq' ? DLQ_KEYS : [];
    const tree = out.parsed.tree;
    const obj = tree ? nodeAt(tree, out.cur.offset) : undefined;
    const holder = obj?.type === 'object' ? obj : obj?.parent?.parent;
    const present = new Set(keysOf(holder));
    const keyOnly = keyHasValue(out.cur);
    for (const k of list) {
      if (present.has(k.name) && out.cur.token?.value !== k.name) continue;
      const item: CompletionItem = { label: k.name, kind: CompletionItemKind.Property, detail: k.detail };
      if (keyOnly) push(out, item, `"${k.name}"`);
      else push(out, item, `"${k.name}": ${k.snippet}`, true);
    }
    return;
  }
  const key = path.join('.');
  if (key === 'options.dlq.connectionName') {
    const allowed = allowedConnectionTypes('options', 'dlq.connectionName');
    for (const c of ctx.connections().list()) {
      if (allowed && !allowed.includes(c.type)) continue;
      push(out, { label: c.name, kind: CompletionItemKind.Reference, detail: `${c.type} connection` }, `"${c.name}"`);
    }
  } else if (key === 'options.tier') {
    for (const v of OPTION_KEYS[2]!.values!) push(out, { label: v, kind: CompletionItemKind.EnumMember }, `"${v}"`);
  }
}

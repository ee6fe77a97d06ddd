/**
 * The JSON tree of one document (details/summary elements), built lazily: a node's children
 * are created when it is first opened, so a huge document costs nothing until expanded.
 */
import { el } from '../../webview/dom';

/** One-line form of relaxed Extended JSON wrappers ($date, $oid, ...). */
function extendedJson(v: object): string | undefined {
  const keys = Object.keys(v);
  if (keys.length !== 1 || !keys[0]!.startsWith('$')) return undefined;
  const k = keys[0]!;
  const inner = (v as Record<string, unknown>)[k];
  if (k === '$date') return `Date(${typeof inner === 'object' && inner ? JSON.stringify(inner) : String(inner)})`;
  if (k === '$oid') return `ObjectId(${String(inner)})`;
  if (k === '$numberDecimal' || k === '$numberLong') return `${k.slice(7)}(${String(inner)})`;
  return undefined;
}

export function jsonTree(value: unknown, depth: number, key?: string): HTMLElement {
  const label = key === undefined ? '' : `${key}: `;
  if (value === null || typeof value !== 'object') {
    return el('div', `leaf t-${value === null ? 'null' : typeof value}`, label + JSON.stringify(value));
  }
  const ext = extendedJson(value);
  if (ext !== undefined) return el('div', 'leaf t-ext', label + ext);
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  const node = el('details');
  node.appendChild(el('summary', undefined, `${label}${Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`}`));
  let built = false;
  const build = (): void => {
    if (built) return;
    built = true;
    for (const [k, v] of entries) node.appendChild(jsonTree(v, depth + 1, k));
  };
  node.addEventListener('toggle', build);
  if (depth < 2) {
    node.open = true;
    build();
  }
  return node;
}

/** "MatchOperator: reason" of a DLQ record. */
export function dlqReason(doc: unknown): string {
  const d = doc as { errInfo?: { reason?: unknown }; operatorName?: unknown } | null;
  const reason = d && typeof d.errInfo?.reason === 'string' ? d.errInfo.reason : 'error';
  return d && typeof d.operatorName === 'string' ? `${d.operatorName}: ${reason}` : reason;
}

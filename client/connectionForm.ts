/**
 * What the Connections view and the add/edit form show of each connection type, read from the
 * connection kinds (engine/connectors/catalog): the type picker, the item's icon and text, and
 * the form itself, which asks the fields the kind's `form` names in order, as its field table
 * describes them (a pick list for an enum, a password box for a secret). Pure: the questions go
 * through an injected `ask`, so tests drive it without VS Code.
 */
import type { Connection } from '../engine/connections/types';
import { CONNECTION_KINDS, fieldAt, kindOf, unreachableReason, type FieldSpec } from '../engine/connectors/catalog/index';
import { getPath, setPath } from './objectPath';

/** The item's text for one entry. */
export function connectionLabel(c: Connection, builtin: boolean): { description: string; icon: string; tooltip: string; atlasOnly: boolean } {
  const kind = kindOf(c.type);
  const atlasOnly = kind?.atlasOnly === true;
  const description = [c.type, builtin ? 'built in' : '', atlasOnly ? 'Atlas only' : ''].filter(Boolean).join(' · ');
  const lines = [kind?.summary ?? `${c.type} (a type this version does not know)`, ...(kind?.describe(c) ?? []).map((l) => l.replace(/`/g, ''))];
  const why = unreachableReason(c);
  if (why) lines.push(`Locally: ${why}.`);
  return { description, icon: kind?.icon ?? 'plug', tooltip: lines.join('\n'), atlasOnly };
}

/** The type picker: every type a registry file may hold, the ones the local engine runs first. */
export function formTypes(): { label: string; description: string }[] {
  return CONNECTION_KINDS.filter((k) => k.inFile !== false && k.form.length > 0).map((k) => ({ label: k.type, description: k.summary }));
}

export interface FormStep {
  /** Dotted path of the field, e.g. `authentication.password`. */
  path: string;
  prompt: string;
  input: 'pick' | 'text' | 'secret' | 'list';
  /** For `pick`: the values, with a note on those only Atlas runs; `(none)` when optional. */
  options?: { label: string; description?: string }[];
  optional: boolean;
  /** The current value to prefill (never a secret). */
  value: string;
  /** A secret is stored already: an empty answer keeps it. */
  keep: boolean;
}

/** The answer to a step: a string ('' skips an optional field or keeps a stored secret), or undefined to cancel. */
export type Ask = (step: FormStep) => Promise<string | undefined>;

export class FormCancelled extends Error {
  constructor() {
    super('Cancelled.');
  }
}

function stepOf(path: string, f: FieldSpec, current: unknown): FormStep {
  const t = Array.isArray(f.type) ? f.type[0] : f.type;
  const input = f.secret ? 'secret' : f.enum ? 'pick' : t === 'array' ? 'list' : 'text';
  const optional = !f.required;
  const step: FormStep = { path, prompt: `${path}: ${f.description}`, input, optional, value: '', keep: false };
  if (f.secret) step.keep = typeof current === 'string' && current !== '';
  else if (Array.isArray(current)) step.value = current.join(', ');
  else if (current !== undefined && typeof current !== 'object') step.value = String(current);
  if (f.enum) {
    step.options = f.enum.map((v) => ({ label: String(v), description: f.localEnum && !f.localEnum.includes(v) ? 'Atlas only' : undefined }));
    if (optional) step.options.unshift({ label: '(none)' });
  }
  return step;
}

/**
 * Ask the kind's form fields and return the entry. Starts from `prev` (an edit keeps the fields
 * the form does not ask). Skipping the first field of a group (`authentication.mechanism`)
 * skips the rest of that group; an empty answer for a stored secret keeps it.
 */
export async function fillForm(type: string, name: string, prev: Connection | undefined, ask: Ask): Promise<Connection> {
  const kind = kindOf(type);
  if (!kind) throw new Error(`unknown connection type ${type}`);
  const entry: Record<string, unknown> = prev && prev.type === type ? structuredClone(prev) as unknown as Record<string, unknown> : {};
  entry['name'] = name;
  entry['type'] = type;
  const skippedGroups: string[] = [];
  const askedGroups = new Set<string>();
  for (const path of kind.form) {
    const group = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
    if (skippedGroups.some((g) => group === g || group.startsWith(`${g}.`))) continue;
    const f = fieldAt(kind, path.split('.'));
    if (!f) continue;
    const step = stepOf(path, f, getPath(prev?.type === type ? prev : undefined, path));
    const answer = await ask(step);
    if (answer === undefined) throw new FormCancelled();
    const first = group !== '' && !askedGroups.has(group);
    askedGroups.add(group);
    const value = answer.trim();
    if (value === '' || (step.input === 'pick' && value === '(none)')) {
      if (step.keep) continue;
      setPath(entry, path, undefined);
      if (first) {
        skippedGroups.push(group);
        setPath(entry, group, undefined);
      }
      continue;
    }
    setPath(entry, path, step.input === 'list' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value);
  }
  return entry as unknown as Connection;
}

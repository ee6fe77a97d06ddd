/**
 * The observed shape of a stage's documents in a real Run or Debug: every field path with the
 * BSON types seen and how often, and a few sample values. I/O-free; the extension collects it
 * from a run's output and Debug trace, and the language server shows it in the stage hover
 * ("Observed in last run") and offers its paths in `$`-path completion.
 *
 * Documents arrive as relaxed Extended JSON (shared/protocol/index.ts), so a number's type is
 * read as the engine reads a plain number (docs/architecture.md, "Numbers"): integral and in
 * int32 range is `int`, any other number is `double`; wrappers (`$date`, `$oid`,
 * `$numberLong`, ...) name their type.
 *
 * Paths: `a.b` for a nested field, `tags[]` for the elements of an array (`items[].sku` for a
 * field of array elements). `present` counts the documents in which a path occurs; the type
 * counts count values (an array element each).
 */

export interface ObservedField {
  path: string;
  /** Documents (of those sampled) in which the path occurs. */
  present: number;
  /** BSON type -> values of that type, most frequent first. */
  types: Array<[type: string, count: number]>;
  /** Up to `samples` distinct short renderings of leaf values. */
  samples: string[];
}

export interface ObservedShape {
  /** Documents the stage emitted (all of them, sampled or not). */
  docs: number;
  /** Documents whose fields were read (at most `maxDocs`). */
  sampled: number;
  fields: ObservedField[];
  /** Distinct paths past `maxFields` that were seen and not listed. */
  moreFields: number;
}

export interface ShapeLimits {
  /** Documents read per stage; later ones are only counted. */
  maxDocs: number;
  /** Paths kept per stage. */
  maxFields: number;
  /** Nesting read below the top level. */
  maxDepth: number;
  /** Elements read per array. */
  maxArrayItems: number;
  /** Sample values kept per path. */
  samples: number;
  /** Characters of one sample value. */
  sampleChars: number;
}

export const DEFAULT_SHAPE_LIMITS: ShapeLimits = { maxDocs: 500, maxFields: 40, maxDepth: 5, maxArrayItems: 20, samples: 3, sampleChars: 40 };

const WRAPPERS: Record<string, string> = {
  $date: 'date', $oid: 'objectId', $numberLong: 'long', $numberInt: 'int', $numberDouble: 'double', $numberDecimal: 'decimal',
  $binary: 'binData', $uuid: 'binData', $timestamp: 'timestamp', $regularExpression: 'regex', $minKey: 'minKey', $maxKey: 'maxKey',
  $symbol: 'symbol', $code: 'javascript', $dbPointer: 'dbPointer', $undefined: 'undefined',
};

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** The BSON type name of a relaxed Extended JSON value. */
export function bsonTypeOf(v: unknown): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX && !Object.is(v, -0) ? 'int' : 'double';
    case 'bigint':
      return 'long';
    case 'object': {
      if (Array.isArray(v)) return 'array';
      const keys = Object.keys(v as object);
      const first = keys[0];
      if (first !== undefined && first.startsWith('$')) {
        const t = WRAPPERS[first];
        if (t && (keys.length === 1 || first === '$code' || first === '$regularExpression')) return t;
      }
      return 'object';
    }
    default:
      return 'undefined';
  }
}

/** A short rendering of a leaf value for the hover: strings quoted, wrappers unwrapped. */
export function sampleText(v: unknown, type: string, max: number): string {
  let s: string;
  const o = v as Record<string, unknown>;
  if (type === 'date') s = typeof o.$date === 'string' ? o.$date : JSON.stringify(o.$date);
  else if (type === 'objectId') s = `ObjectId(${String(o.$oid)})`;
  else if (type === 'long') s = typeof v === 'bigint' ? `${v}` : String(o.$numberLong);
  else if (type === 'decimal') s = String(o.$numberDecimal);
  else if (type === 'double' && typeof v === 'object') s = String(o.$numberDouble);
  else s = JSON.stringify(v) ?? String(v);
  return s.length > max ? `${s.slice(0, Math.max(1, max - 1))}…` : s;
}

interface FieldAcc {
  path: string;
  present: number;
  types: Map<string, number>;
  samples: string[];
}

/** Accumulates the observed shape of one stage's documents, within `limits`. */
export class ShapeCollector {
  private docs = 0;
  private sampled = 0;
  private readonly fields = new Map<string, FieldAcc>();
  private readonly overflow = new Set<string>();
  private readonly limits: ShapeLimits;

  constructor(limits: Partial<ShapeLimits> = {}) {
    this.limits = { ...DEFAULT_SHAPE_LIMITS, ...limits };
  }

  get count(): number {
    return this.docs;
  }

  /** Counts a document the stage emitted; reads its fields while fewer than `maxDocs` were read. */
  add(doc: unknown): void {
    this.docs++;
    if (this.sampled >= this.limits.maxDocs) return;
    this.sampled++;
    if (bsonTypeOf(doc) !== 'object') return;
    const seen = new Set<FieldAcc>();
    this.walk(doc as Record<string, unknown>, '', 0, seen);
    for (const f of seen) f.present++;
  }

  /** Sets the number of documents the stage emitted when more were emitted than were added. */
  atLeast(docs: number): void {
    if (docs > this.docs) this.docs = docs;
  }

  summary(): ObservedShape {
    const fields = [...this.fields.values()].map((f) => ({
      path: f.path,
      present: f.present,
      types: [...f.types.entries()].sort((a, b) => b[1] - a[1]),
      samples: [...f.samples],
    }));
    return { docs: this.docs, sampled: this.sampled, fields, moreFields: this.overflow.size };
  }

  private walk(o: Record<string, unknown>, prefix: string, depth: number, seen: Set<FieldAcc>): void {
    for (const [k, v] of Object.entries(o)) this.value(prefix ? `${prefix}.${k}` : k, v, depth, seen);
  }

  private value(path: string, v: unknown, depth: number, seen: Set<FieldAcc>): void {
    const f = this.field(path);
    if (!f) return;
    seen.add(f);
    const t = bsonTypeOf(v);
    f.types.set(t, (f.types.get(t) ?? 0) + 1);
    if (t === 'object') {
      if (depth < this.limits.maxDepth) this.walk(v as Record<string, unknown>, path, depth + 1, seen);
    } else if (t === 'array') {
      if (depth < this.limits.maxDepth) {
        const items = v as unknown[];
        for (let i = 0; i < items.length && i < this.limits.maxArrayItems; i++) this.value(`${path}[]`, items[i], depth + 1, seen);
      }
    } else if (f.samples.length < this.limits.samples) {
      const s = sampleText(v, t, this.limits.sampleChars);
      if (!f.samples.includes(s)) f.samples.push(s);
    }
  }

  private field(path: string): FieldAcc | undefined {
    const f = this.fields.get(path);
    if (f) return f;
    if (this.fields.size >= this.limits.maxFields) {
      if (this.overflow.size < 10_000) this.overflow.add(path);
      return undefined;
    }
    const created: FieldAcc = { path, present: 0, types: new Map(), samples: [] };
    this.fields.set(path, created);
    return created;
  }
}

/** The observed shape of a list of documents (a Debug trace's sample of one stage). */
export function observeDocs(docs: readonly unknown[], limits?: Partial<ShapeLimits>): ObservedShape {
  const c = new ShapeCollector(limits);
  for (const d of docs) c.add(d);
  return c.summary();
}

/** "int 18, double 2", or "string" when one type was seen. */
export function typesText(f: ObservedField): string {
  if (f.types.length === 1) return f.types[0]![0];
  return f.types.map(([t, n]) => `${t} ${n}`).join(', ');
}

/**
 * A stable hash of a pipeline's content (its JSON value, not its text: reformatting keeps it),
 * so an observed shape can tell it is from an older version of the pipeline. FNV-1a, 2 × 32 bits.
 */
export function pipelineHash(pipeline: unknown): string {
  const s = JSON.stringify(pipeline) ?? '';
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** The stage operator of one pipeline element (`$match`), or '' when it is not a one-key object. */
export function stageNameOf(stage: unknown): string {
  if (!stage || typeof stage !== 'object' || Array.isArray(stage)) return '';
  const keys = Object.keys(stage);
  return keys.length === 1 ? keys[0]! : '';
}

/**
 * Shared by the four bitwise query operators: the operand becomes a list of bit positions once;
 * values are read as 64-bit two's complement integers (negative numbers sign-extend past bit
 * 63) or as BinData bytes, least significant bit first.
 * https://www.mongodb.com/docs/manual/reference/operator/query-bitwise/
 */
import type { JsonPath, Value } from '../../core/types';
import { isNumber, toNumber, typeName, type Binary, type Long } from '../../bson/types';
import type { QueryContext, QueryExample, QueryOperatorSpec, ValuePred } from '../types';
import { anyValue } from '../values';

const TWO_63 = 2 ** 63;

function binaryBytes(v: Binary): Uint8Array {
  return v.buffer.subarray(0, v.position);
}

/** Positions from the operand, or undefined after reporting a problem. */
function positions(name: string, arg: Value, q: QueryContext, path: JsonPath): number[] | undefined {
  const shown = (() => {
    try {
      return JSON.stringify(arg);
    } catch {
      return String(arg);
    }
  })();
  if (Array.isArray(arg)) {
    const out = new Set<number>();
    for (let i = 0; i < arg.length; i++) {
      const p = arg[i];
      if (!isNumber(p)) return q.fail([...path, i], `bit positions must be an integer but got: ${i}: ${JSON.stringify(p)}`);
      const n = toNumber(p);
      if (!Number.isInteger(n)) return q.fail([...path, i], `bit positions must be an integer but got: ${i}: ${n}`);
      if (n < 0) return q.fail([...path, i], `bit positions must be >= 0 but got: ${i}: ${n}`);
      out.add(n);
    }
    return [...out];
  }
  if (isNumber(arg)) {
    let n: bigint;
    if (typeName(arg) === 'long') n = BigInt((arg as Long).toString());
    else {
      const x = toNumber(arg);
      if (!Number.isInteger(x)) return q.fail(path, `${name} Expected an integer: ${name}: ${shown}`);
      if (Math.abs(x) >= TWO_63) return q.fail(path, `${name} bitmask value is too large: ${shown}`);
      n = BigInt(x);
    }
    if (n < 0n) return q.fail(path, `${name} Expected a positive number in: ${name}: ${shown}`);
    const out: number[] = [];
    for (let p = 0; n > 0n; p++, n >>= 1n) if (n & 1n) out.push(p);
    return out;
  }
  if (typeName(arg) === 'binData') {
    const bytes = binaryBytes(arg as Binary);
    const out: number[] = [];
    for (let i = 0; i < bytes.length; i++) for (let b = 0; b < 8; b++) if ((bytes[i]! >> b) & 1) out.push(i * 8 + b);
    return out;
  }
  return q.fail(path, `${name} takes an Array, a number, or a BinData but received: ${name}: ${shown}`);
}

/**
 * A bit reader for one value, or undefined when the value cannot be bit-tested (non-numbers,
 * fractions, NaN, values outside the 64-bit range): those never match, whatever the operator.
 */
function reader(v: Value): ((p: number) => boolean) | undefined {
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || Math.abs(v) >= TWO_63) return undefined;
    if (v >= -2147483648 && v <= 2147483647) return (p) => (p < 32 ? ((v >> p) & 1) === 1 : v < 0);
    return bigReader(BigInt(v));
  }
  const t = typeName(v);
  if (t === 'long') return bigReader(BigInt((v as Long).toString()));
  if (t === 'binData') {
    const bytes = binaryBytes(v as Binary);
    return (p) => (p >> 3) < bytes.length && ((bytes[p >> 3]! >> (p & 7)) & 1) === 1;
  }
  if (isNumber(v)) return reader(toNumber(v));
  return undefined;
}

function bigReader(n: bigint): (p: number) => boolean {
  const u = BigInt.asUintN(64, n);
  return (p) => (p < 64 ? ((u >> BigInt(p)) & 1n) === 1n : n < 0n);
}

type Mode = 'allSet' | 'anySet' | 'allClear' | 'anyClear';

function test(mode: Mode, ps: number[]): ValuePred {
  const want = mode === 'allSet' || mode === 'anySet';
  const every = mode === 'allSet' || mode === 'allClear';
  return (v) => {
    const bit = reader(v);
    if (!bit) return false;
    if (every) {
      for (let i = 0; i < ps.length; i++) if (bit(ps[i]!) !== want) return false;
      return true;
    }
    for (let i = 0; i < ps.length; i++) if (bit(ps[i]!) === want) return true;
    return false;
  };
}

export function bitwiseOperator(mode: Mode, summary: string, examples: QueryExample[]): QueryOperatorSpec {
  const name = `$bits${mode[0]!.toUpperCase()}${mode.slice(1)}`;
  return {
    name,
    level: 'field',
    category: 'bitwise',
    summary,
    docsUrl: `https://www.mongodb.com/docs/manual/reference/operator/query/${name.slice(1).toLowerCase()}/`,
    syntax: `{ <field>: { ${name}: <numeric bitmask> | <BinData bitmask> | [ <position1>, ... ] } }`,
    snippet: '[${1:0}]',
    examples,
    compileField(arg, q, path) {
      const ps = positions(name, arg, q, path);
      return ps && anyValue(test(mode, ps));
    },
  };
}

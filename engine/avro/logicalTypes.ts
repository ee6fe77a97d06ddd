/**
 * Which logical-type annotations are valid (spec "Logical Types"): each logical type names the
 * underlying types it may annotate, and decimal needs a positive precision, 0 <= scale <=
 * precision, and (on fixed) a precision the fixed size can hold. An invalid or unknown
 * annotation is ignored and the type reads as its underlying type, as the spec says.
 */
import type { AvroType, Logical } from './types';

const UNDERLYING: Record<Logical['name'], readonly string[]> = {
  date: ['int'],
  'time-millis': ['int'],
  'time-micros': ['long'],
  'timestamp-millis': ['long'],
  'timestamp-micros': ['long'],
  'local-timestamp-millis': ['long'],
  'local-timestamp-micros': ['long'],
  decimal: ['bytes', 'fixed'],
  uuid: ['string'],
};

function isLogicalName(s: string): s is Logical['name'] {
  return Object.prototype.hasOwnProperty.call(UNDERLYING, s);
}

/** The largest number of decimal digits a two's-complement integer of `size` bytes holds. */
export function maxDecimalDigits(size: number): number {
  if (size <= 0) return 0;
  return (2n ** BigInt(8 * size - 1) - 1n).toString().length - 1;
}

function isNonNegInt(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0;
}

/** The valid logical annotation of `type` from its schema attributes, or undefined. */
export function logicalOf(type: AvroType, attrs: Record<string, unknown>): Logical | undefined {
  const name = attrs['logicalType'];
  if (typeof name !== 'string' || !isLogicalName(name)) return undefined;
  if (!UNDERLYING[name].includes(type.kind)) return undefined;
  if (name !== 'decimal') return { name, scale: 0 };
  const precision = attrs['precision'];
  const scale = attrs['scale'] ?? 0;
  if (!isNonNegInt(precision) || precision === 0 || !isNonNegInt(scale) || scale > precision) return undefined;
  if (type.kind === 'fixed' && precision > maxDecimalDigits(type.size)) return undefined;
  return { name, precision, scale };
}

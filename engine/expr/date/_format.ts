/**
 * `%` format strings of $dateToString and $dateFromString: validation and formatting.
 * https://www.mongodb.com/docs/manual/reference/operator/aggregation/dateToString/#format-specifiers
 */
import { ExprError } from '../../core/errors';
import { dayOfWeek, dayOfYear, isoDayOfWeek, isoWeek, isoWeekYear, week } from './_calendar';
import { localParts } from './_internal';
import type { TimeZone } from './_tz';

export const ISO_FORMAT_Z = '%Y-%m-%dT%H:%M:%S.%LZ';
export const ISO_FORMAT_LOCAL = '%Y-%m-%dT%H:%M:%S.%L';

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const TO_STRING_SPECIFIERS = 'bBdGHjLmMSuVwUYzZ%';
const FROM_STRING_SPECIFIERS = 'bBdGHjLmMSuVYzZ%';

/** The validation error MongoDB raises for a bad format string, or undefined when it is valid. */
export function formatError(format: string, forParsing: boolean): string | undefined {
  const allowed = forParsing ? FROM_STRING_SPECIFIERS : TO_STRING_SPECIFIERS;
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== '%') continue;
    if (i + 1 >= format.length) return "Unmatched '%' at end of format string";
    const ch = format[i + 1]!;
    if (!allowed.includes(ch)) return `Invalid format character '%${ch}' in format string`;
    i++;
  }
  return undefined;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  const p = s.length >= width ? s : '0'.repeat(width - s.length) + s;
  return n < 0 ? '-' + p : p;
}

/** Format an instant; throws MongoDB's error for years outside 0-9999. */
export function formatDate(format: string, ms: number, tz: TimeZone, op = '$dateToString'): string {
  const off = tz.isUtc ? 0 : tz.offset(ms);
  const p = localParts(ms, tz);
  if (p.year < 0 || p.year > 9999) {
    throw new ExprError(`${op} is only defined on year 0-9999, tried to use year ${p.year}`);
  }
  let out = '';
  let lit = 0;
  for (let i = 0; i < format.length; i++) {
    if (format.charCodeAt(i) !== 37 /* % */) continue;
    out += format.slice(lit, i);
    const ch = format[i + 1];
    i++;
    lit = i + 1;
    switch (ch) {
      case 'Y': out += pad(p.year, 4); break;
      case 'm': out += pad(p.month, 2); break;
      case 'd': out += pad(p.day, 2); break;
      case 'H': out += pad(p.hour, 2); break;
      case 'M': out += pad(p.minute, 2); break;
      case 'S': out += pad(p.second, 2); break;
      case 'L': out += pad(p.millisecond, 3); break;
      case 'j': out += pad(dayOfYear(p), 3); break;
      case 'w': out += dayOfWeek(p.days); break;
      case 'u': out += isoDayOfWeek(p.days); break;
      case 'U': out += pad(week(p), 2); break;
      case 'V': out += pad(isoWeek(p.days), 2); break;
      case 'G': out += pad(isoWeekYear(p.days), 4); break;
      case 'b': out += MONTHS[p.month - 1]!.slice(0, 3); break;
      case 'B': out += MONTHS[p.month - 1]!; break;
      case 'z': {
        const m = Math.round(Math.abs(off) / 60_000);
        out += (off < 0 ? '-' : '+') + pad(Math.floor(m / 60), 2) + pad(m % 60, 2);
        break;
      }
      case 'Z':
        // A plain signed number: "60", "-240", "0" (jstests/aggregation/expressions/date_to_string.js).
        out += String(Math.round(off / 60_000));
        break;
      case '%': out += '%'; break;
      default:
        // Unvalidated formats come from dynamic values; validate before calling.
        throw new ExprError(ch === undefined ? "Unmatched '%' at end of format string" : `Invalid format character '%${ch}' in format string`);
    }
  }
  return out + format.slice(lit);
}

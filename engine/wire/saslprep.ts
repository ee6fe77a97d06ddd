/**
 * SASLprep (RFC 4013) of a SCRAM password, as MongoDB drivers apply it before SCRAM-SHA-256:
 * non-ASCII spaces become spaces, "commonly mapped to nothing" characters go, the result is
 * NFKC-normalised, and prohibited characters (controls, private use, surrogates, non-characters)
 * are refused. The bidirectional-text rule of the RFC is not checked (a stricter client refuses
 * such passwords itself).
 */
const NON_ASCII_SPACE = /[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000]/g;
const MAPPED_TO_NOTHING = /[\u00AD\u034F\u1806\u180B-\u180D\u200B-\u200D\u2060\uFE00-\uFE0F\uFEFF]/g;
const PROHIBITED = /[\u0000-\u001F\u007F-\u009F\u06DD\u070F\u180E\u200E\u200F\u2028-\u202E\u206A-\u206F\uE000-\uF8FF\uFDD0-\uFDEF\uFFF9-\uFFFF\uD800-\uDFFF]/u;

export function saslprep(s: string): string {
  const mapped = s.replace(NON_ASCII_SPACE, ' ').replace(MAPPED_TO_NOTHING, '').normalize('NFKC');
  if (PROHIBITED.test(mapped)) throw new Error('the password contains a character SASLprep prohibits (RFC 4013)');
  return mapped;
}

/** MongoDB changes case for ASCII letters only; other characters pass through unchanged. */
const UPPER = /[a-z]+/g;
const LOWER = /[A-Z]+/g;

export function asciiUpper(s: string): string {
  return s.replace(UPPER, (m) => m.toUpperCase());
}

export function asciiLower(s: string): string {
  return s.replace(LOWER, (m) => m.toLowerCase());
}

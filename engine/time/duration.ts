/** Duration objects `{size, unit}` used by window options (asp-spec §3.9); no calendar logic. */

export const DURATION_UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};

/** Units accepted by `offset.unit` (no `day`). */
export const OFFSET_UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
};

export function durationMs(size: number, unit: string): number {
  return size * (DURATION_UNITS[unit] ?? NaN);
}

/** Euclidean modulo: the result has the sign of `m`, so negative times align like positive ones. */
export function mod(x: number, m: number): number {
  const r = x % m;
  return r < 0 ? r + m : r;
}

export function gcd(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

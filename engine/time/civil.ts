/**
 * Day numbers (days since 1970-01-01) to proleptic Gregorian dates and back, after H. Hinnant's
 * `civil_from_days` and `days_from_civil`: shared by the Extended JSON date printer and the date expression operators.
 */

export interface CivilDate {
  year: number;
  /** 1–12. */
  month: number;
  /** 1–31. */
  day: number;
}

/** Fill `out` with the civil date of day number `days`. */
export function civilFromDays<T extends CivilDate>(days: number, out: T): T {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  out.year = yoe + era * 400 + (m <= 2 ? 1 : 0);
  out.month = m;
  out.day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  return out;
}

/** Day number of a civil date (month 1-12). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Epoch-aligned window assignment (asp-spec §5): windows `[s, s + size)` with
 * `s ≡ offset (mod hop)`. Tumbling windows are the case hop = size.
 */
import { mod } from '../time/duration';

export class WindowAssigner {
  constructor(readonly size: number, readonly hop: number, readonly offset: number) {}

  /** Start of the newest window containing `t` (the aligned start at or before t). */
  newestStart(t: number): number {
    return t - mod(t - this.offset, this.hop);
  }

  /**
   * Start of the oldest window containing `t`, i.e. the first aligned start after `t − size`.
   * Equals the spec's `t − size + hop − ((t − offset) mod hop)` when hop divides size, and stays
   * aligned when it does not. Greater than `t` when `t` falls in a gap (hop > size).
   */
  oldestStart(t: number): number {
    return this.newestStart(t - this.size) + this.hop;
  }

  contains(start: number, t: number): boolean {
    return start <= t && t < start + this.size;
  }
}

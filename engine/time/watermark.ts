/**
 * Event-time watermarks (asp-spec §5): per input (a Kafka partition, or the one input of other
 * sources) the watermark is the max event time seen minus 1 ms; the combined watermark is the
 * minimum over active inputs. Idle inputs (partitionIdleTimeout) stop holding it back.
 */
export class WatermarkTracker {
  private readonly maxTs = new Map<string, number>();
  private readonly idle = new Set<string>();
  private cached = -Infinity;
  private dirty = false;
  /** The only input while there is exactly one and it is active: the per-document fast path. */
  private single: string | undefined;
  private singleMax = -Infinity;

  /** A document with event time `eventTimeMs` arrived on `input`; data makes an input active. */
  observe(input: string, eventTimeMs: number): void {
    if (this.single === input) {
      if (eventTimeMs > this.singleMax) this.singleMax = eventTimeMs;
      return;
    }
    this.leaveSingle();
    const prev = this.maxTs.get(input);
    if (prev === undefined || eventTimeMs > prev) {
      this.maxTs.set(input, eventTimeMs);
      this.dirty = true;
    }
    if (this.idle.size > 0 && this.idle.delete(input)) this.dirty = true;
    this.enterSingle();
  }

  /** Mark an input idle (excluded from the minimum) or active again. */
  setIdle(input: string, idle: boolean): void {
    const changed = idle ? !this.idle.has(input) : this.idle.has(input);
    if (!changed) return;
    this.leaveSingle();
    if (idle) this.idle.add(input);
    else this.idle.delete(input);
    this.dirty = true;
    this.enterSingle();
  }

  /** True when every input that has produced data is idle. */
  allIdle(): boolean {
    if (this.maxTs.size === 0) return false;
    for (const k of this.maxTs.keys()) if (!this.idle.has(k)) return false;
    return true;
  }

  /**
   * The combined watermark in ms; -Infinity until any data. It never moves backwards: an
   * input that turns active again behind the others cannot reopen closed windows.
   */
  current(): number {
    if (this.single !== undefined) {
      const wm = this.singleMax - 1;
      if (wm > this.cached) this.cached = wm;
      return this.cached;
    }
    if (!this.dirty) return this.cached;
    this.dirty = false;
    let min = Infinity;
    for (const [k, t] of this.maxTs) {
      if (this.idle.has(k)) continue;
      if (t < min) min = t;
    }
    if (min === Infinity) return this.cached; // all idle: hold the last value
    const wm = min - 1;
    if (wm > this.cached) this.cached = wm;
    return this.cached;
  }

  private enterSingle(): void {
    if (this.maxTs.size !== 1 || this.idle.size !== 0) return;
    const [k, t] = this.maxTs.entries().next().value as [string, number];
    this.single = k;
    this.singleMax = t;
  }

  private leaveSingle(): void {
    if (this.single === undefined) return;
    this.maxTs.set(this.single, this.singleMax);
    this.single = undefined;
    this.dirty = true;
  }
}

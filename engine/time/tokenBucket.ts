/**
 * A token bucket that refills continuously at `ratePerSec` up to one second's worth, on a
 * caller's clock ($throttle's messagesPerSec and bytesPerSec each have one).
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(readonly ratePerSec: number, now: number) {
    this.tokens = ratePerSec;
    this.at = now;
  }

  private refill(now: number): void {
    if (now > this.at) {
      this.tokens = Math.min(this.ratePerSec, this.tokens + ((now - this.at) * this.ratePerSec) / 1000);
      this.at = now;
    }
  }

  /** Tokens available now (may be fractional). */
  available(now: number): number {
    this.refill(now);
    return this.tokens;
  }

  /**
   * Ms to wait before `cost` tokens are there. A cost above the capacity waits for a full
   * bucket (it can never hold more), and take() then leaves the bucket in debt.
   */
  waitMs(cost: number, now: number): number {
    this.refill(now);
    const need = Math.min(cost, this.ratePerSec) - this.tokens;
    return need <= 0 ? 0 : Math.ceil((need * 1000) / this.ratePerSec);
  }

  take(cost: number, now: number): void {
    this.refill(now);
    this.tokens -= cost;
  }
}

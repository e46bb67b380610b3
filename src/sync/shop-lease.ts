import type { SyncLeaseRepository } from '../store/sync-leases.ts';
import type { ResolvedDeps } from './context.ts';
import { outboxLeaseMs } from './options.ts';

/** The worker no longer holds the shop: another may be syncing it, so this one must stop. */
export class LeaseLostError extends Error {
  constructor(readonly shopCode: string) {
    super(`lost the lease on shop ${shopCode}; another worker may be syncing it`);
    this.name = 'LeaseLostError';
  }
}

/**
 * One worker's hold on one shop for a run: taken at the start, renewed every third of its
 * length while the run lasts (with the leases on the shop's operations it has in flight),
 * released at the end. The lease is short (30 s by default), so a crashed worker's shop is
 * free again soon after its death. Renewal can fail (the database is away,
 * the event loop was blocked past the lease) or find the shop taken over; either way the
 * worker must not call RMS for that shop again, or two workers could send the same operation.
 * `ensureHeld` is asked before every RMS request.
 */
export class ShopLease {
  private validUntil: number;
  private lost = false;
  private readonly renewal: NodeJS.Timeout;
  private renewing: Promise<void> | null = null;

  private constructor(
    private readonly deps: ResolvedDeps,
    private readonly leases: SyncLeaseRepository,
    readonly shopCode: string,
    takenAt: number,
  ) {
    this.validUntil = takenAt + deps.options.leaseMs;
    this.renewal = setInterval(() => {
      this.renewing = this.renew();
    }, deps.options.leaseMs / 3);
    this.renewal.unref();
  }

  /** The lease, or null while another worker holds the shop. */
  static async take(deps: ResolvedDeps, shopCode: string): Promise<ShopLease | null> {
    const leases = deps.store.syncLeases;
    const at = deps.wallClock();
    if (!(await leases.acquire(shopCode, deps.workerId, new Date(at), deps.options.leaseMs))) return null;
    return new ShopLease(deps, leases, shopCode, at);
  }

  ensureHeld(): void {
    if (this.lost || this.deps.wallClock() >= this.validUntil) throw new LeaseLostError(this.shopCode);
  }

  async release(): Promise<void> {
    clearInterval(this.renewal);
    // A renewal still on its way would otherwise write the lease back after it was released.
    await this.renewing;
    await this.leases.release(this.shopCode, this.deps.workerId);
  }

  private async renew(): Promise<void> {
    // The lease runs from the instant sent with the request, not from when the answer came.
    const at = this.deps.wallClock();
    try {
      if (await this.leases.acquire(this.shopCode, this.deps.workerId, new Date(at), this.deps.options.leaseMs)) {
        this.validUntil = at + this.deps.options.leaseMs;
        const outbox = this.deps.store.outbox;
        await outbox.renewLeases(this.shopCode, this.deps.workerId, new Date(at + outboxLeaseMs(this.deps.options)));
      } else {
        this.lost = true;
        clearInterval(this.renewal);
        this.deps.logger.warn({ shop: this.shopCode }, 'another worker took over the shop lease; stopping this run of the shop');
      }
    } catch (err) {
      // Still held until validUntil; the next renewal may get through.
      this.deps.logger.warn({ err, shop: this.shopCode }, 'could not renew the shop lease');
    }
  }
}

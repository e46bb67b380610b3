import type { Engine } from '../store/database.ts';
import type { Store } from '../store/store.ts';

/** Whether the database answers, for the unauthenticated health check. */
export class HealthService {
  constructor(private readonly deps: { readonly store: Store }) {}

  async check(): Promise<{ readonly databaseReachable: boolean; readonly database: Engine }> {
    const databaseReachable = await this.deps.store.shops.list().then(
      () => true,
      () => false,
    );
    return { databaseReachable, database: this.deps.store.engine };
  }
}

import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/history.ts';
import { MAX_FILTER_NAME_LENGTH, MAX_SHIP_BY_DAYS } from '../../domain/shipping/index.ts';
import type { SavedSelection } from '../../domain/shipping/index.ts';
import type { Clock } from '../../ports/clock.ts';
import { NAME_TAKEN } from '../../store/shipping/saved-filter-repository.ts';
import type { Store } from '../../store/store.ts';
import type { SavedFilter } from '../../store/shipping/saved-filter-repository.ts';
import { callerSeesShop, requireExistingShop } from '../caller.ts';
import type { Caller } from '../caller.ts';
import { invalid } from '../validation.ts';
import { requireWriter } from './access.ts';
import { actorName } from './tracking-import.ts';

export type { SavedFilter };

export interface SavedFilterInput {
  readonly name: string;
  /** Null: for every shop (each user sees it on the shops they can see). */
  readonly shopCode: string | null;
  readonly selection: SavedSelection;
}

/**
 * Saved filters of the 出荷作業 page. Anyone who sees a filter's shop sees the filter (an
 * every-shop filter, everyone); staff and admins save, rename and delete them. A filter is a
 * selection only: using it checks the caller's shops as any selection does.
 */
export class SavedFilterService {
  constructor(private readonly deps: { readonly store: Store; readonly clock: Clock }) {}

  /** The caller's filters; with `shopCode`, those usable on that shop (its own and the every-shop ones). */
  async list(caller: Caller, shopCode?: string): Promise<SavedFilter[]> {
    const shops = shopCode !== undefined ? [shopCode] : caller.shops.all ? null : caller.shops.codes;
    if (shopCode !== undefined && !callerSeesShop(caller, shopCode)) return [];
    return this.deps.store.savedShippingFilters.list(shops);
  }

  /** The filter named `name` for `shopCode`: the shop's own before an every-shop one of the same name. */
  async byName(caller: Caller, shopCode: string, name: string): Promise<SavedFilter> {
    const found = (await this.list(caller, shopCode)).filter((f) => f.name === name.trim());
    const filter = found.find((f) => f.shopCode === shopCode) ?? found[0];
    if (!filter) throw new DomainError('NOT_FOUND', { filter: name, shopCode }, `no saved filter "${name}" for shop ${shopCode}`);
    return filter;
  }

  async create(caller: Caller, input: SavedFilterInput, actor: Actor): Promise<SavedFilter> {
    requireWriter(caller);
    if (input.shopCode !== null) await requireExistingShop(this.deps.store, caller, input.shopCode);
    const saved = await this.deps.store.savedShippingFilters.insert(
      { shopCode: input.shopCode, name: checkedName(input.name), selection: checkedSelection(input.selection), createdBy: actorName(actor) },
      this.deps.clock.now(),
    );
    if (saved === NAME_TAKEN) throw nameTaken(input.name);
    return saved;
  }

  /** Renames a filter and/or saves the current selection into it. */
  async update(caller: Caller, id: number, change: { name?: string; selection?: SavedSelection }): Promise<SavedFilter> {
    requireWriter(caller);
    const repo = this.deps.store.savedShippingFilters;
    this.visible(caller, await repo.get(id), id);
    const saved = await repo.update(
      id,
      { ...(change.name !== undefined && { name: checkedName(change.name) }), ...(change.selection && { selection: checkedSelection(change.selection) }) },
      this.deps.clock.now(),
    );
    if (saved === NAME_TAKEN) throw nameTaken(change.name ?? '');
    if (!saved) throw filterNotFound(id);
    return saved;
  }

  async delete(caller: Caller, id: number): Promise<void> {
    requireWriter(caller);
    const repo = this.deps.store.savedShippingFilters;
    this.visible(caller, await repo.get(id), id);
    if (!(await repo.delete(id))) throw filterNotFound(id);
  }

  private visible(caller: Caller, filter: SavedFilter | null, id: number): SavedFilter {
    if (!filter || (filter.shopCode !== null && !callerSeesShop(caller, filter.shopCode))) throw filterNotFound(id);
    return filter;
  }

}

function checkedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || [...trimmed].length > MAX_FILTER_NAME_LENGTH) throw invalid('name', `1 to ${MAX_FILTER_NAME_LENGTH} characters`);
  return trimmed;
}

function checkedSelection(selection: SavedSelection): SavedSelection {
  const days = selection.shipByDays;
  if (days !== null && (!Number.isInteger(days) || days < 0 || days > MAX_SHIP_BY_DAYS)) throw invalid('selection.shipByDays', `null or 0 to ${MAX_SHIP_BY_DAYS}`);
  if (selection.statuses.length === 0) throw invalid('selection.statuses', 'at least one status');
  // Only the known fields are kept, whatever else the caller sent.
  return { carrier: selection.carrier, statuses: [...new Set(selection.statuses)], exported: selection.exported, shipByDays: days };
}

function nameTaken(name: string): DomainError {
  return new DomainError('SHIPPING_FILTER_NAME_TAKEN', { name: name.trim() }, `a saved filter "${name.trim()}" already exists there`);
}

function filterNotFound(id: number): DomainError {
  return new DomainError('NOT_FOUND', { filterId: id }, `saved filter ${id} not found`);
}

import { Readable } from 'node:stream';
import { z } from 'zod';
import { emptyExportSummary } from '../../app/shipping/label-export.ts';
import type { LabelSelection, PlannedPackage } from '../../app/shipping/label-export.ts';
import { MAX_TRACKING_FILE_BYTES, TrackingFileError } from '../../app/shipping/tracking-file.ts';
import type { SavedFilter } from '../../app/shipping/saved-filters.ts';
import type { PreviewSummary } from '../../app/shipping/tracking-import.ts';
import { DomainError } from '../../domain/errors.ts';
import { toJstIso } from '../../domain/jst.ts';
import { ApiError } from '../api-error.ts';
import {
  CarrierProfileIdSchema,
  LabelCheckSchema,
  LabelSelectionSchema,
  PackageChoiceSchema,
  PackageParamsSchema,
  PreviewIdParamsSchema,
  PreviewRowSchema,
  PreviewRowsQuerySchema,
  SavedFilterCreateSchema,
  SavedFilterListSchema,
  SavedFilterParamsSchema,
  SavedFilterQuerySchema,
  SavedFilterSchema,
  SavedFilterUpdateSchema,
  TrackingCommitSchema,
  TrackingPreviewSchema,
} from '../api/shipping-schemas.ts';
import type { LabelSelectionInput, PlannedPackageView, SavedFilterView, TrackingPreview } from '../api/shipping-schemas.ts';
import { actorOf } from '../auth/principal.ts';
import type { ServerContext } from '../context.ts';
import { defineRoute } from '../route.ts';
import type { AnyRoute } from '../route.ts';

/** The shipping day (docs/SHIPPING.md): label data out, tracking numbers in. */
export function shippingRoutes(ctx: ServerContext): AnyRoute[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/shipping/labels/check',
      summary: 'What a label export would hold: each 送付先 with its method, parcels, earlier export and the problems that would keep it out',
      tag: 'shipping',
      access: 'reader',
      body: LabelSelectionSchema,
      response: LabelCheckSchema,
      errors: ['NOT_FOUND'],
      handler: async ({ body, principal }) => {
        const packages = (await ctx.shipping.checkLabels(principal, selectionOf(body))).map(presentPackage);
        return {
          packages,
          problems: packages.filter((p) => p.notes.some((n) => n.severity === 'problem')).length,
          reExports: packages.filter((p) => p.exportedAt !== null).length,
        };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/shipping/labels/export',
      summary: 'Download the carrier label file (CP932, CRLF, one row per parcel); 送付先 with a problem are left out (see /labels/check)',
      tag: 'shipping',
      access: 'writer',
      body: LabelSelectionSchema,
      response: z.unknown(),
      produces: 'text/csv; charset=Shift_JIS',
      errors: ['NOT_FOUND'],
      handler: async ({ body, principal, reply }) => {
        const chunks = await ctx.shipping.exportLabels(principal, selectionOf(body), emptyExportSummary());
        const stamp = toJstIso(ctx.clock.now()).slice(0, 16).replace(/[-T:]/g, '');
        return reply
          .header('content-type', 'text/csv; charset=Shift_JIS')
          .header('content-disposition', `attachment; filename="${body.carrier}-${body.shopCode.replace(/[^A-Za-z0-9_-]/g, '_')}-${stamp}.csv"`)
          .header('cache-control', 'no-store')
          .send(Readable.from(chunks));
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/orders/:orderNumber/packages/:basketId/shipping',
      summary: 'Set one 送付先’s shipping method (null fields follow the shop’s rules) and its number of parcels before export',
      tag: 'shipping',
      access: 'writer',
      params: PackageParamsSchema,
      body: PackageChoiceSchema,
      response: PackageChoiceSchema,
      errors: ['NOT_FOUND'],
      handler: async ({ params, body, principal }) => {
        await ctx.shipping.setChoice(principal, params.orderNumber, params.basketId, body);
        return body;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/shipping/tracking/previews',
      summary: 'Upload a tracking file (B2 発行済データ, e飛伝, ゆうプリR 発送履歴 or the simple CSV; CP932 or UTF-8; ≤20 MB, ≤50,000 rows): answers a stored preview',
      tag: 'shipping',
      access: 'writer',
      query: z.strictObject({ carrier: z.union([CarrierProfileIdSchema, z.literal('simple')]).optional() }).meta({ id: 'TrackingUploadQuery' }),
      upload: { field: 'file', description: 'the CSV file' },
      response: TrackingPreviewSchema,
      errors: ['TRACKING_FILE_REJECTED'],
      handler: async ({ query, principal, request }) => {
        if (!request.isMultipart()) throw ApiError.of('VALIDATION_FAILED', { issues: [{ path: 'body', message: 'send the file as multipart/form-data in the field "file"' }] });
        const file = await request.file({ limits: { fileSize: MAX_TRACKING_FILE_BYTES + 1, files: 1 } });
        if (!file || file.fieldname !== 'file') throw ApiError.of('VALIDATION_FAILED', { issues: [{ path: 'file', message: 'no file in the field "file"' }] });
        try {
          const preview = await ctx.shipping.previewTracking(principal, file.file, { fileName: file.filename.slice(0, 200), actor: actorOf(principal), ...(query.carrier && { carrier: query.carrier }) });
          return presentPreview(preview);
        } catch (err) {
          file.file.resume();
          if (err instanceof TrackingFileError) throw new DomainError('TRACKING_FILE_REJECTED', { problem: err.problem, line: err.line, detail: err.message }, `tracking file refused: ${err.message}`);
          throw err;
        }
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/shipping/tracking/previews/:id',
      summary: 'A stored tracking preview’s counts',
      tag: 'shipping',
      access: 'reader',
      params: PreviewIdParamsSchema,
      response: TrackingPreviewSchema,
      errors: ['NOT_FOUND'],
      handler: async ({ params, principal }) => presentPreview(await ctx.shipping.trackingPreview(principal, params.id)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/shipping/tracking/previews/:id/rows',
      summary: 'A tracking preview’s rows with what committing each would do, and why a row is refused',
      tag: 'shipping',
      access: 'reader',
      params: PreviewIdParamsSchema,
      query: PreviewRowsQuerySchema,
      response: z.array(PreviewRowSchema).meta({ id: 'TrackingPreviewRows' }),
      errors: ['NOT_FOUND'],
      handler: async ({ params, query, principal }) =>
        (await ctx.shipping.trackingRows(principal, params.id, { offset: query.offset, limit: query.limit, ...(query.outcome && { outcome: query.outcome }) })).map((r) => ({
          line: Number(r.line),
          key: r.key,
          shopCode: r.shop_code,
          orderNumber: r.order_number,
          basketId: r.basket_id === null ? null : Number(r.basket_id),
          deliveryCompany: r.delivery_company,
          shippingNumber: r.shipping_number,
          shippingDate: r.shipping_date,
          outcome: r.outcome as 'add' | 'exists' | 'refused',
          reason: r.reason,
          detail: r.detail,
        })),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/shipping/tracking/previews/:id/commit',
      summary: 'Commit a tracking preview: its new parcels in one transaction, each with its 出荷報告 queued for RMS',
      tag: 'shipping',
      access: 'writer',
      params: PreviewIdParamsSchema,
      response: TrackingCommitSchema,
      errors: ['NOT_FOUND', 'TRACKING_PREVIEW_COMMITTED'],
      handler: async ({ params, principal }) => {
        const result = await ctx.shipping.commitTracking(principal, params.id, actorOf(principal));
        return { ...result, refused: [...result.refused] };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/shipping/filters',
      summary: 'Saved filters of the 出荷作業 page the caller can see (with shopCode: those usable on that shop)',
      tag: 'shipping',
      access: 'reader',
      query: SavedFilterQuerySchema,
      response: SavedFilterListSchema,
      handler: async ({ query, principal }) => ({ filters: (await ctx.shipping.filters.list(principal, query.shopCode)).map(presentFilter) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/shipping/filters',
      summary: 'Save a selection under a name, for one shop or for every shop (shopCode null)',
      tag: 'shipping',
      access: 'writer',
      body: SavedFilterCreateSchema,
      response: SavedFilterSchema,
      errors: ['NOT_FOUND', 'SHIPPING_FILTER_NAME_TAKEN'],
      handler: async ({ body, principal }) => presentFilter(await ctx.shipping.filters.create(principal, body, actorOf(principal))),
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/shipping/filters/:id',
      summary: 'Rename a saved filter and/or keep another selection in it',
      tag: 'shipping',
      access: 'writer',
      params: SavedFilterParamsSchema,
      body: SavedFilterUpdateSchema,
      response: SavedFilterSchema,
      errors: ['NOT_FOUND', 'SHIPPING_FILTER_NAME_TAKEN'],
      handler: async ({ params, body, principal }) =>
        presentFilter(await ctx.shipping.filters.update(principal, params.id, { ...(body.name !== undefined && { name: body.name }), ...(body.selection && { selection: body.selection }) })),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/shipping/filters/:id',
      summary: 'Delete a saved filter',
      tag: 'shipping',
      access: 'writer',
      params: SavedFilterParamsSchema,
      response: z.object({ deleted: z.number().int() }).meta({ id: 'SavedShippingFilterDeleted' }),
      errors: ['NOT_FOUND'],
      handler: async ({ params, principal }) => {
        await ctx.shipping.filters.delete(principal, params.id);
        return { deleted: params.id };
      },
    }),
  ];
}

function presentFilter(f: SavedFilter): SavedFilterView {
  return { id: f.id, name: f.name, shopCode: f.shopCode, selection: { ...f.selection, statuses: [...f.selection.statuses] }, createdBy: f.createdBy, updatedAt: toJstIso(f.updatedAt) };
}

function selectionOf(body: LabelSelectionInput): LabelSelection {
  return {
    shopCode: body.shopCode,
    profileId: body.carrier,
    ...(body.statuses && { statuses: body.statuses }),
    ...(body.orderNumbers && { orderNumbers: body.orderNumbers }),
    ...(body.exported && { exported: body.exported }),
    ...(body.shipDate !== undefined && { shipDate: body.shipDate }),
    ...(body.shipBy !== undefined && { shipBy: body.shipBy }),
  };
}

function presentPackage(p: PlannedPackage): PlannedPackageView {
  return { ...p, exportedAt: p.exportedAt && toJstIso(p.exportedAt), notes: [...p.notes] };
}

function presentPreview(p: PreviewSummary): TrackingPreview {
  return { id: p.id, fileName: p.fileName, format: p.format, rows: p.rows, add: p.add, exists: p.exists, refused: p.refused, shopCodes: [...p.shopCodes], committedAt: p.committedAt && toJstIso(p.committedAt) };
}

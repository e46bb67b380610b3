import { finished } from 'node:stream/promises';
import type { FastifyReply } from 'fastify';
import type { PdfJob, Selection } from '../../app/paperwork/paperwork-service.ts';
import { MAX_PRODUCT_FILE_BYTES, readProductCsv } from '../../app/paperwork/product-csv.ts';
import { toJstIso } from '../../domain/jst.ts';
import { ApiError } from '../api-error.ts';
import {
  PaperworkStatusSchema,
  ParcelCheckSchema,
  ParcelSchema,
  PdfSchema,
  PrintRequestSchema,
  PrintStatesQuerySchema,
  PrintStatesSchema,
  ProductUploadResultSchema,
  ProductUploadQuerySchema,
  ShipmentKeyParamsSchema,
} from '../api/paperwork-schemas.ts';
import type { Parcel, PaperworkStatus, PrintRequest, PrintStates } from '../api/paperwork-schemas.ts';
import { ShopQuerySchema } from '../api/schemas.ts';
import type { Principal } from '../auth/principal.ts';
import type { ServerContext } from '../context.ts';
import { defineRoute } from '../route.ts';
import type { AnyRoute } from '../route.ts';
import type { ParcelView } from '../../app/paperwork/paperwork-service.ts';
import { requireCallerShop } from '../../app/caller.ts';

/** Who printed or checked, as staff see it: the user's name, or the API token's. */
const staffName = (principal: Principal): string => (principal.kind === 'session' ? principal.name : `API: ${principal.name}`);

export function paperworkRoutes(ctx: ServerContext): AnyRoute[] {
  const { paperworkSources: sources, paperwork: service } = ctx;

  const select = (principal: Principal, body: PrintRequest): Promise<Selection> =>
    service.select(principal, { shopCode: body.shop, ...(body.status && { status: body.status }), ...(body.orderNumbers && { orderNumbers: body.orderNumbers }) });

  /**
   * Streams the PDF. Whatever is recorded (the slips' prints) is recorded only once the whole
   * document has been produced and handed to the client; a client that goes away leaves no record.
   */
  const sendPdf = (reply: FastifyReply, name: string, job: PdfJob, afterwards: () => Promise<void>): FastifyReply => {
    // Rejects when the connection closes before the last byte, so nothing is recorded then.
    const sent = finished(reply.raw);
    Promise.all([job.done, sent])
      .then(([substituted]) => {
        if (substituted.length > 0) reply.log.warn({ substituted }, 'characters outside the font printed as 〓');
        return afterwards();
      })
      .catch((err: unknown) => reply.log.warn({ err }, 'PDF not completed; nothing recorded'));
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${name}"`).header('cache-control', 'no-store').send(job.stream);
  };

  const present = (p: ParcelView): Parcel => ({ ...p, lines: [...p.lines], checkedAt: p.checkedAt ? toJstIso(p.checkedAt) : null });

  const parcelFor = async (principal: Principal, key: string): Promise<ParcelView> => {
    const parcel = await service.parcel(principal, key);
    if (!parcel) throw ApiError.of('NOT_FOUND', { shipmentKey: key });
    return parcel;
  };

  return [
    defineRoute({
      method: 'POST',
      url: '/api/paperwork/slips',
      summary: '納品書 of the selected orders (or all of the shop’s in a status) as one streamed PDF; records the print once complete',
      tag: 'paperwork',
      access: 'writer',
      body: PrintRequestSchema,
      response: PdfSchema,
      produces: 'application/pdf',
      errors: ['NOT_FOUND', 'PRINT_SELECTION_INVALID', 'PRINT_SELECTION_EMPTY'],
      handler: async ({ body, principal, reply }) => {
        const selection = await select(principal, body);
        const job = await service.slips(selection);
        return sendPdf(reply, 'nouhinsho.pdf', job, () => service.recordPrinted(selection, staffName(principal)));
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/paperwork/picking',
      summary: 'Picking list (grouped by 管理番号 and SKU, in location order) or per-order picking sheets, as one streamed PDF',
      tag: 'paperwork',
      access: 'reader',
      body: PrintRequestSchema,
      response: PdfSchema,
      produces: 'application/pdf',
      errors: ['NOT_FOUND', 'PRINT_SELECTION_INVALID', 'PRINT_SELECTION_EMPTY'],
      handler: async ({ body, principal, reply }) => {
        const selection = await select(principal, body);
        return sendPdf(reply, 'picking.pdf', await service.picking(selection, body.perOrder ?? false), async () => {});
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/paperwork/states',
      summary: 'When each order’s 納品書 was printed and its parcels checked (orderNumbers comma-separated)',
      tag: 'paperwork',
      access: 'reader',
      query: PrintStatesQuerySchema,
      response: PrintStatesSchema,
      handler: async ({ query, principal }) => {
        const numbers = query.orderNumbers.split(',').filter((n) => n !== '').slice(0, 500);
        const states = await service.states(principal, numbers);
        const out: PrintStates = {};
        for (const [n, s] of states) {
          out[n] = {
            printCount: s.printCount,
            printedAt: s.printedAt ? toJstIso(s.printedAt) : null,
            printedBy: s.printedBy,
            packedAt: s.packedAt ? toJstIso(s.packedAt) : null,
            packedBy: s.packedBy,
          };
        }
        return out;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/paperwork/parcels/:key',
      summary: 'The parcel a slip’s barcode (its shipment key) names, with the lines to count at 検品',
      tag: 'paperwork',
      access: 'reader',
      params: ShipmentKeyParamsSchema,
      response: ParcelSchema,
      errors: ['NOT_FOUND'],
      handler: async ({ params, principal }) => present(await parcelFor(principal, params.key)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/paperwork/parcels/:key/check',
      summary: 'Marks the parcel 検品済 from the item codes scanned, which must count every line exactly',
      tag: 'paperwork',
      access: 'writer',
      params: ShipmentKeyParamsSchema,
      body: ParcelCheckSchema,
      response: ParcelSchema,
      errors: ['NOT_FOUND', 'PACKING_INCOMPLETE'],
      handler: async ({ params, body, principal }) => present(await service.checkParcel(principal, await parcelFor(principal, params.key), body.scans, staffName(principal))),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/paperwork/products',
      summary: 'Replaces the shop’s product table (管理番号, SKU, ロケーション, JAN) from a CSV file (UTF-8 or Shift_JIS, ≤ 10 MB, ≤ 50,000 rows)',
      tag: 'paperwork',
      access: 'writer',
      query: ProductUploadQuerySchema,
      upload: { field: 'file', description: 'the product CSV' },
      response: ProductUploadResultSchema,
      errors: ['NOT_FOUND', 'PRODUCT_CSV_INVALID'],
      handler: async ({ query, principal, request }) => {
        // PaperworkService checks the shop again when it replaces the table; asking here first
        // refuses another shop's upload before its file is read.
        const shop = requireCallerShop(principal, query.shop);
        if (!request.isMultipart()) throw ApiError.of('VALIDATION_FAILED', { issues: [{ path: 'body', message: 'send the file as multipart/form-data in the field "file"' }] });
        const file = await request.file({ limits: { fileSize: MAX_PRODUCT_FILE_BYTES + 1, files: 1 } });
        if (!file || file.fieldname !== 'file') throw ApiError.of('VALIDATION_FAILED', { issues: [{ path: 'file', message: 'no file in the field "file"' }] });
        try {
          const rows = await readProductCsv(file.file);
          await service.replaceProducts(principal, shop, rows);
          return { shop, rows: rows.length };
        } finally {
          file.file.resume();
        }
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/paperwork/status',
      summary: 'The shop’s paperwork settings, the profile fields slips print without, and its product-table size',
      tag: 'paperwork',
      access: 'reader',
      query: ShopQuerySchema,
      response: PaperworkStatusSchema,
      errors: ['NOT_FOUND'],
      handler: async ({ query, principal }) => {
        const shop = query.shop ?? (principal.shops.all ? '' : (principal.shops.codes[0] ?? ''));
        // The service checks the shop; the profile and settings are read only for one the caller sees.
        const productRows = await service.productCount(principal, shop);
        const [profile, settings] = await Promise.all([sources.issuer(shop), sources.settings(shop)]);
        return { shop, paper: settings.paper, hidePricesOnGift: settings.hidePricesOnGift, missingProfile: [...profile.missing], productRows } satisfies PaperworkStatus;
      },
    }),
  ];
}

import { z } from 'zod';
import { isOrderProgress, ORDER_TYPES, SEARCH_SETTLEMENT_METHODS, SORT_DIRECTION } from './codes.ts';
import { requestDatetime } from './datetime.ts';
import { messageModelListSchema } from './messages.ts';
import { flag, oneOf } from './request-fields.ts';

export const SEARCH_PAGE_SIZE_DEFAULT = 30;
export const SEARCH_PAGE_SIZE_MAX = 1000;
export const SEARCH_WINDOW_MAX_DAYS = 63;
export const SEARCH_LOOKBACK_DAYS = 730;
export const SEARCH_REACHABLE_HITS = 15_000;
/** `subStatusIdList: [-1]` selects orders without a sub-status. */
export const NO_SUB_STATUS = -1;

/** Per `searchKeywordType`, the longest keyword RMS accepts (characters). */
export const SEARCH_KEYWORD_MAX_CHARS: Readonly<Record<number, number>> = {
  1: 1024, 2: 127, 3: 1000, 4: 254, 5: 254, 6: 254, 7: 40, 8: 96, 9: 400,
};

const DAY_MS = 86_400_000;

export const sortModelSchema = z.object({
  sortColumn: z.literal(1),
  sortDirection: z.union([z.literal(SORT_DIRECTION.ascending), z.literal(SORT_DIRECTION.descending)]),
});

export const paginationRequestModelSchema = z.object({
  requestRecordsAmount: z.number().int().min(1).max(SEARCH_PAGE_SIZE_MAX).nullish(),
  requestPage: z.number().int().min(1).nullish(),
  SortModelList: z.array(sortModelSchema).nullish(),
});

export const searchOrderRequestSchema = z
  .object({
    orderProgressList: z.array(z.number().int().refine(isOrderProgress)).nullish(),
    subStatusIdList: z.array(z.number().int()).nullish(),
    dateType: z.number().int().min(1).max(6),
    startDatetime: requestDatetime,
    endDatetime: requestDatetime,
    orderTypeList: z.array(oneOf(ORDER_TYPES)).nullish(),
    settlementMethod: oneOf(SEARCH_SETTLEMENT_METHODS).nullish(),
    deliveryName: z.string().max(192).nullish(),
    shippingDateBlankFlag: flag.nullish(),
    shippingNumberBlankFlag: flag.nullish(),
    searchKeywordType: z.number().int().min(0).max(9).nullish(),
    searchKeyword: z.string().max(4000).nullish(),
    mailSendType: z.number().int().min(0).max(2).nullish(),
    ordererMailAddress: z.string().max(256).nullish(),
    phoneNumberType: z.number().int().min(1).max(2).nullish(),
    phoneNumber: z.string().max(36).nullish(),
    reserveNumber: z.string().max(382).nullish(),
    purchaseSiteType: z.number().int().min(0).max(4).nullish(),
    asurakuFlag: flag.nullish(),
    couponUseFlag: flag.nullish(),
    drugFlag: flag.nullish(),
    overseasFlag: flag.nullish(),
    oneDayOperationFlag: flag.nullish(),
    PaginationRequestModel: paginationRequestModelSchema.nullish(),
  })
  .superRefine((req, ctx) => {
    const span = req.endDatetime.getTime() - req.startDatetime.getTime();
    if (span < 0 || span > SEARCH_WINDOW_MAX_DAYS * DAY_MS) {
      ctx.addIssue({ code: 'custom', path: ['endDatetime'], message: 'window', input: req.endDatetime });
    }
    if (req.subStatusIdList?.includes(NO_SUB_STATUS) && !req.orderProgressList?.length) {
      ctx.addIssue({ code: 'custom', params: { missing: true }, path: ['orderProgressList'], message: 'required with [-1]' });
    }
    const keywordMax = SEARCH_KEYWORD_MAX_CHARS[req.searchKeywordType ?? 0];
    if (req.searchKeyword && keywordMax !== undefined && [...req.searchKeyword.trim()].length > keywordMax) {
      ctx.addIssue({ code: 'custom', path: ['searchKeyword'], message: 'too long', input: req.searchKeyword });
    }
  });
/** What a client sends. */
export type SearchOrderRequest = z.input<typeof searchOrderRequestSchema>;
/** What a server works with after validation (datetimes as Date). */
export type SearchOrderQuery = z.output<typeof searchOrderRequestSchema>;

export const paginationResponseModelSchema = z.looseObject({
  totalRecordsAmount: z.number().int().nullable(),
  totalPages: z.number().int().nullable(),
  requestPage: z.number().int().nullable(),
});
export type PaginationResponseModel = z.infer<typeof paginationResponseModelSchema>;

export const searchOrderResponseSchema = z.looseObject({
  orderNumberList: z.array(z.string()).nullable(),
  MessageModelList: messageModelListSchema,
  PaginationResponseModel: paginationResponseModelSchema.nullable(),
});
export type SearchOrderResponse = z.infer<typeof searchOrderResponseSchema>;

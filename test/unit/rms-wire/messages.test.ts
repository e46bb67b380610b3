import { describe, expect, it } from 'vitest';
import {
  esaAuthorization,
  formatMessageText,
  getOrderSuccessText,
  isOperationName,
  messageCode,
  OPERATIONS,
  operationUrl,
  refusalMessage,
  requiredMessageText,
  SUCCESS_TEXT,
} from '../../../src/rms/wire/index.ts';

describe('RMS message codes and texts', () => {
  it('builds codes as ORDER_EXT_API_<OPERATION>_<TYPE>_<NNN>', () => {
    expect(messageCode('searchOrder', 'ERROR', 9)).toBe('ORDER_EXT_API_SEARCH_ORDER_ERROR_009');
    expect(messageCode('updateOrderShippingAsync', 'INFO', 101)).toBe('ORDER_EXT_API_UPDATE_ORDERSHIPPING_ASYNC_INFO_101');
    expect(messageCode('getResultUpdateOrderShippingAsync', 'ERROR', 9)).toBe('ORDER_EXT_API_GET_RESULT_UPDATEORDERSHIPPING_ASYNC_ERROR_009');
    expect(messageCode('updateOrderSubStatus', 'ERROR', 102)).toBe('ORDER_EXT_API_UPDATE_ORDERSUBSTATUS_ERROR_102');
  });

  it('uses Rakuten’s wire texts', () => {
    expect(requiredMessageText('dateType')).toBe('dateTypeの項目を指定して下さい。');
    expect(formatMessageText('endDatetime')).toBe('endDatetimeの書式が不正です。');
    expect(getOrderSuccessText(3)).toBe('受注情報取得に成功しました。(取得件数3件)');
    expect(SUCCESS_TEXT.cancelOrder).toBe('キャンセル申請に成功しました。');
  });

  it('names refusals per operation, with Rakuten’s own codes where known', () => {
    expect(refusalMessage('confirmOrder', 'amountUndetermined').messageCode).toBe('ORDER_EXT_API_CONFIRM_ORDER_ERROR_105');
    expect(refusalMessage('confirmOrder', 'wrongStatus').messageCode).toBe('ORDER_EXT_API_CONFIRM_ORDER_ERROR_103');
    expect(refusalMessage('updateOrderShipping', 'cancelled')).toEqual({
      messageCode: 'ORDER_EXT_API_UPDATE_ORDERSHIPPING_ERROR_102',
      message: '指定された注文番号は既にキャンセルされているため、発送完了報告が出来る状態ではありませんでした。',
    });
    expect(refusalMessage('updateOrderSubStatus', 'cancelled').messageCode).toBe('ORDER_EXT_API_UPDATE_ORDERSUBSTATUS_ERROR_101');
    expect(refusalMessage('updateOrderMemo', 'notFound').messageCode).toBe('ORDER_EXT_API_UPDATE_ORDERMEMO_ERROR_101');
  });

  it('knows every operation and its URL and builds the ESA header', () => {
    expect(OPERATIONS).toHaveLength(17);
    expect(isOperationName('getOrder')).toBe(true);
    expect(isOperationName('getResultNotificationAsync')).toBe(false);
    expect(operationUrl('http://127.0.0.1:8081/', 'getOrder')).toBe('http://127.0.0.1:8081/es/2.0/order/getOrder/');
    expect(esaAuthorization('SP1', 'SL1')).toBe(`ESA ${Buffer.from('SP1:SL1').toString('base64')}`);
  });
});

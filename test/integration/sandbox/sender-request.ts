/* eslint-disable @typescript-eslint/no-explicit-any -- tests read wire bodies field by field; the schemas are checked in their own tests */
/** An updateOrderSender body built from a getOrder OrderModel, as OMS clients do: the whole package, then edited. */
export function senderRequest(order: Record<string, any>, extra: Record<string, unknown> = {}): Record<string, any> {
  return {
    orderNumber: order.orderNumber,
    PackageModelList: order.PackageModelList.map((p: Record<string, any>) => ({
      basketId: p.basketId,
      postagePrice: p.postagePrice,
      postageTaxRate: p.postageTaxRate,
      deliveryPrice: p.deliveryPrice,
      deliveryTaxRate: p.deliveryTaxRate,
      noshi: p.noshi,
      packageDeleteFlag: 0,
      SenderModel: Object.fromEntries(Object.entries(p.SenderModel).filter(([k]) => k !== 'isolatedIslandFlag')),
      ItemModelList: p.ItemModelList.map((i: Record<string, any>) => ({
        itemDetailId: i.itemDetailId,
        itemName: i.itemName,
        itemNumber: i.itemNumber,
        price: i.price,
        taxRate: i.taxRate,
        units: i.units,
        includePostageFlag: i.includePostageFlag,
        includeTaxFlag: i.includeTaxFlag,
        includeCashOnDeliveryPostageFlag: i.includeCashOnDeliveryPostageFlag,
        selectedChoice: i.selectedChoice,
        restoreInventoryFlag: i.restoreInventoryFlag,
        deleteItemFlag: i.deleteItemFlag,
        SkuModelList: i.SkuModelList,
      })),
    })),
    ...extra,
  };
}

import { parseVendorSku } from './vendor-sku';

describe('parseVendorSku', () => {
  it('reads JSON text with a string skuId', () => {
    expect(parseVendorSku('{"productId":"CFQ7TTC0LF8Q","skuId":"0002","segment":"Commercial"}')).toEqual({
      raw: '{"productId":"CFQ7TTC0LF8Q","skuId":"0002","segment":"Commercial"}',
      format: 'json',
      productId: 'CFQ7TTC0LF8Q',
      skuId: '0002',
      segment: 'Commercial',
    });
  });
  it('reads JSON text with a numeric skuId and restores the leading zeros', () => {
    expect(parseVendorSku('{"productId":"CFQ7TTC0LF8Q","skuId":2}')).toMatchObject({ format: 'json', productId: 'CFQ7TTC0LF8Q', skuId: '0002' });
  });
  it('reads the segment when it is spelled segmentName', () => {
    expect(parseVendorSku('{"productId":"CFQ7TTC0LF8Q","skuId":"0002","segmentName":"Education"}')).toMatchObject({ productId: 'CFQ7TTC0LF8Q', skuId: '0002', segment: 'Education' });
  });
  it('reads productId:skuId', () => {
    expect(parseVendorSku('CFQ7TTC0LF8Q:0001')).toEqual({ raw: 'CFQ7TTC0LF8Q:0001', format: 'pair', productId: 'CFQ7TTC0LF8Q', skuId: '0001' });
  });
  it('keeps a plain SKU raw', () => {
    expect(parseVendorSku('AAD-P1-MONTHLY')).toEqual({ raw: 'AAD-P1-MONTHLY', format: 'plain' });
  });
  it('treats broken JSON as plain text and ignores non-strings', () => {
    expect(parseVendorSku('{"productId":')).toMatchObject({ format: 'plain' });
    expect(parseVendorSku(undefined)).toBeUndefined();
    expect(parseVendorSku(42)).toBeUndefined();
    expect(parseVendorSku('  ')).toBeUndefined();
  });
});

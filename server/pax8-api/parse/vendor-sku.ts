import { NUMERIC_SKU_ID_WIDTH } from '../inferences';
import type { VendorSku } from '../types';

/**
 * Decodes Product.vendorSku (§5, §13). Live encodings:
 *   '{"productId":"CFQ7TTC0LF8Q","skuId":"0002","segment":"Commercial"}'   JSON text (skuId string or number)
 *   'CFQ7TTC0LF8Q:0002'                                                   productId:skuId
 *   'CFQ7TTC0LF8Q' or any other text                                       plain SKU (kept raw only)
 */
export function parseVendorSku(value: unknown): VendorSku | undefined {
  if (typeof value !== 'string') return undefined;
  const raw = value;
  const text = raw.trim();
  if (text === '') return undefined;
  if (text.startsWith('{')) {
    try {
      const o = JSON.parse(text) as Record<string, unknown>;
      if (o && typeof o === 'object' && !Array.isArray(o)) {
        const out: VendorSku = { raw, format: 'json' };
        const productId = scalar(o.productId);
        const skuId = typeof o.skuId === 'number' ? numericSkuId(o.skuId) : scalar(o.skuId);
        // Some encodings spell it `segmentName`.
        const segment = scalar(o.segment) ?? scalar(o.segmentName);
        if (productId) out.productId = productId;
        if (skuId) out.skuId = skuId;
        if (segment) out.segment = segment;
        return out;
      }
    } catch {
      // Not JSON after all: fall through to the other encodings.
    }
  }
  const pair = /^([^:\s]+):([^:\s]+)$/.exec(text);
  if (pair) return { raw, format: 'pair', productId: pair[1], skuId: pair[2] };
  return { raw, format: 'plain' };
}

function scalar(v: unknown): string | undefined {
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** A numeric skuId (2) lost the leading zeros Microsoft SKU ids have ("0002"): restore them. */
function numericSkuId(v: number): string | undefined {
  if (!Number.isInteger(v) || v < 0) return scalar(v);
  return String(v).padStart(NUMERIC_SKU_ID_WIDTH, '0');
}

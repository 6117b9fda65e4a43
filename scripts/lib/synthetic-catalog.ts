/**
 * Synthetic catalogs of any size from a DummyJSON-format file, for measuring scale: the real records first,
 * then variants of them with a made-up model word in the title (so each is a distinct product) and ids and
 * SKUs of their own.
 */
import type { DummyJsonProduct } from '../../src/catalog/dummyjson.ts';

/** A made-up model word per variant number. */
const modelWord = (variant: number) => `v${variant.toString(36)}x`;

export function syntheticProducts(base: DummyJsonProduct[], size: number): DummyJsonProduct[] {
  return Array.from({ length: size }, (_, i) => {
    const p = base[i % base.length] as DummyJsonProduct;
    const variant = Math.floor(i / base.length);
    if (variant === 0) return { ...p, id: i + 1 };
    return {
      ...p,
      id: i + 1,
      title: `${p.title} ${modelWord(variant)}`,
      ...(p.sku ? { sku: `${p.sku}-${modelWord(variant)}` } : {}),
    };
  });
}

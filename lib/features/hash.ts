/**
 * 32-bit string hashing for the hashing trick.
 *
 * fnv1a(s, seed): FNV-1a over UTF-16 code units, offset basis 2166136261 xor seed, prime 16777619
 * (Fowler, Noll, Vo). combineHash mixes two hashes (murmur3 fmix32 finaliser) so that word
 * n-gram hashes are built from token hashes without re-hashing strings.
 *
 * @example
 * fnv1a('a', 0); // 3826002220 (0xe40c292c, the published FNV-1a value of "a")
 */
export function fnv1a(s: string, seed = 0, start = 0, end = s.length): number {
  let h = (2166136261 ^ seed) >>> 0;
  for (let i = start; i < end; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** murmur3 fmix32 finaliser: a bijective avalanche on 32-bit integers. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Order-dependent combination of two 32-bit hashes. */
export function combineHash(a: number, b: number): number {
  return fmix32((Math.imul(a, 0x9e3779b1) ^ b) >>> 0);
}

/** IFDs start on word boundaries (TIFF 6.0): the next even position. */
export const even = (n: number): number => n + (n & 1);

/** The first multiple of `to` at or after `n` (segment data alignment). */
export const alignUp = (n: number, to: number): number => Math.ceil(n / to) * to;

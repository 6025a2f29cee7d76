/** 500 ids per IN list stays under every supported database's parameter limit. */
export const IN_LIST_CHUNK = 500;

/** Splits a list into slices of at most `size` items. */
export const chunks = <T>(items: readonly T[], size = IN_LIST_CHUNK): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

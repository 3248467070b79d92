/**
 * Postgres text cannot hold U+0000 and jsonb refuses lone surrogates: a string with either would
 * fail inside the database (a 500). Every boundary refuses it first, as a 4xx that names the field.
 */
export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && value.isWellFormed();
}

/** Whether every string anywhere in a parsed value (keys too) could be stored. */
export function isStorableDeep(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return isStorableText(value);
  if (value === null || typeof value !== "object" || depth > 32) return depth <= 32;
  if (Array.isArray(value)) return value.every((item) => isStorableDeep(item, depth + 1));
  return Object.entries(value).every(([key, item]) => isStorableText(key) && isStorableDeep(item, depth + 1));
}

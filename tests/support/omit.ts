/** A shallow copy of `value` without `keys`, in the same key order (as `{ [key]: _, ...rest }` would give). */
export function omit<T extends object, K extends keyof T>(value: T, ...keys: K[]): Omit<T, K> {
  const copy: Partial<T> = { ...value };
  for (const key of keys) delete copy[key];
  return copy as Omit<T, K>;
}

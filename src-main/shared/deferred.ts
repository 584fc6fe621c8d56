/**
 * Schemas built on their first use instead of when their module loads. The contract holds some
 * two thousand zod schemas; building them all was a third of loading the main bundle, before
 * the first query (which needs two of them). `deferred(() => z.object(…))` stands for the schema
 * it builds: every property read, call of a method, `instanceof` or key listing goes to the
 * schema, built once, on the first of them. The built schema is the very one an eager
 * `z.object(…)` would have made, so it accepts and refuses exactly the same payloads.
 *
 * No side effects until used: bundles that import a module for its constants (the renderer)
 * still drop its schemas.
 */
/* @__NO_SIDE_EFFECTS__ */
export function deferred<T extends object>(build: () => T): T {
  let built: T | undefined;
  const target = (): T => (built ??= build());
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(target(), key),
    has: (_, key) => Reflect.has(target(), key),
    set: (_, key, value) => Reflect.set(target(), key, value),
    ownKeys: () => Reflect.ownKeys(target()),
    // Reported configurable: the stand-in object does not hold the schema's own properties, and
    // a proxy may not report a non-configurable property its target lacks.
    getOwnPropertyDescriptor: (_, key) => {
      const found = Reflect.getOwnPropertyDescriptor(target(), key);
      return found && { ...found, configurable: true };
    },
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(target(), key, descriptor),
    deleteProperty: (_, key) => Reflect.deleteProperty(target(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(target()),
  });
}

/**
 * An object whose every property is computed by its function on first read and kept: the
 * contract's channels, each built when the channel is first called.
 */
export function builtOnFirstRead<T extends Record<string, () => unknown>>(
  builders: T,
): { readonly [K in keyof T]: ReturnType<T[K]> } {
  const out = {} as { [K in keyof T]: ReturnType<T[K]> };
  for (const key of Object.keys(builders) as (keyof T & string)[]) {
    Object.defineProperty(out, key, {
      enumerable: true,
      configurable: true,
      get() {
        const value = builders[key]!() as ReturnType<T[typeof key]>;
        Object.defineProperty(out, key, { value, enumerable: true, configurable: false, writable: false });
        return value;
      },
    });
  }
  return out;
}

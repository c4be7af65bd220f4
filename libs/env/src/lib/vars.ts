import { z } from 'zod';

/**
 * Typed builders for common variable kinds. Every value arrives as a
 * string; these coerce it and keep `.default()` typed. Empty strings are
 * already missing by the time they run, so defaults apply to `FOO=`.
 */
export const envVar = {
  string: () => z.string(),
  url: () => z.url(),
  /** http(s) only: for URLs the app will call or redirect to. */
  httpUrl: () => z.url({ protocol: /^https?$/ }),
  number: () => z.coerce.number(),
  int: () => z.coerce.number().int(),
  port: () => z.coerce.number().int().min(1).max(65535),
  /** true/false, 1/0, yes/no, on/off, enabled/disabled. */
  boolean: () => z.stringbool(),
  enum: <const T extends readonly [string, ...string[]]>(values: T) =>
    z.enum(values),
  /** Comma-separated (or `separator`-separated) list, trimmed, empties dropped. */
  list: (separator = ',') =>
    z.string().transform((value) =>
      value
        .split(separator)
        .map((item) => item.trim())
        .filter((item) => item.length > 0),
    ),
  /** A secret: at least `min` characters, never printed by the library. */
  secret: (min = 16) => z.string().min(min),
};

import { z } from 'zod';
import { isPublicName, PUBLIC_PREFIX } from './source.js';

const BRAND = Symbol.for('@shipshape/env.definition');

type Shape = Record<string, z.ZodType>;

/** Server and client variables, declared apart. */
export interface EnvDefinition<
  S extends Shape = Shape,
  C extends Shape = Shape,
> {
  readonly [BRAND]: true;
  readonly server: z.ZodObject<S>;
  readonly client: z.ZodObject<C>;
  /** Both halves, for validating the whole environment on the server. */
  readonly all: z.ZodObject<S & C>;
}

export type ServerEnv<D> =
  D extends EnvDefinition<infer S, infer C>
    ? z.output<z.ZodObject<S & C>>
    : never;
export type ClientEnv<D> =
  D extends EnvDefinition<Shape, infer C> ? z.output<z.ZodObject<C>> : never;

/**
 * Declares an app's variables. Client variables must be NEXT_PUBLIC_*, and
 * server ones must not be: a NEXT_PUBLIC_ name is inlined into browser code
 * by Next.js whatever schema it sits in. Fails at definition time.
 */
export function defineEnv<
  S extends Shape = Record<never, z.ZodType>,
  C extends Shape = Record<never, z.ZodType>,
>(shapes: { server?: S; client?: C }): EnvDefinition<S, C> {
  const server = (shapes.server ?? {}) as S;
  const client = (shapes.client ?? {}) as C;
  const wrong = [
    ...Object.keys(client)
      .filter((name) => !isPublicName(name))
      .map(
        (name) => `client variable ${name} must start with ${PUBLIC_PREFIX}`,
      ),
    ...Object.keys(server)
      .filter(isPublicName)
      .map(
        (name) =>
          `server variable ${name} must not start with ${PUBLIC_PREFIX} (declare it under client)`,
      ),
  ];
  if (wrong.length > 0) {
    throw new TypeError(`defineEnv: ${wrong.join('; ')}.`);
  }
  return {
    [BRAND]: true,
    server: z.object(server),
    client: z.object(client),
    all: z.object({ ...server, ...client }),
  };
}

export function isEnvDefinition(value: unknown): value is EnvDefinition {
  return typeof value === 'object' && value !== null && BRAND in value;
}

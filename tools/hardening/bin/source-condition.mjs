// Resolve workspace packages to their TypeScript sources, as tsconfig's
// customConditions does for the compiler.
export async function resolve(specifier, context, nextResolve) {
  const conditions = context.conditions.includes('@shipshape/source')
    ? context.conditions
    : [...context.conditions, '@shipshape/source'];
  return nextResolve(specifier, { ...context, conditions });
}

import type { DynamicModule, ForwardReference, Type } from '@nestjs/common';
import { MODULE_METADATA } from '@nestjs/common/constants';
import { RESOLVER_TYPE_METADATA } from '@nestjs/graphql';

type ModuleRef = Type | DynamicModule | ForwardReference | Promise<DynamicModule> | undefined;

/** Every provider class a module graph declares, read from the modules' metadata without instantiating anything. */
export function providersOf(root: ModuleRef): Type[] {
  const seen = new Set<unknown>();
  const found = new Set<Type>();
  const visit = (ref: ModuleRef): void => {
    if (!ref || ref instanceof Promise) return;
    if ('forwardRef' in ref) return visit((ref.forwardRef as () => ModuleRef)());
    const [type, dynamic] = typeof ref === 'function' ? [ref, undefined] : [ref.module, ref];
    if (seen.has(dynamic ?? type)) return;
    seen.add(dynamic ?? type);
    const meta = (key: string): unknown[] =>
      (Reflect.getMetadata(key, type) as unknown[] | undefined) ?? [];
    for (const provider of [...meta(MODULE_METADATA.PROVIDERS), ...(dynamic?.providers ?? [])]) {
      if (typeof provider === 'function') found.add(provider as Type);
    }
    for (const imported of [...meta(MODULE_METADATA.IMPORTS), ...(dynamic?.imports ?? [])])
      visit(imported as ModuleRef);
  };
  visit(root);
  return [...found];
}

/**
 * Every resolver class a module graph provides (`npm run build` writes apps/api/schema.graphql
 * from it, without a database). The running API finds the same classes among its providers, so
 * the areas' `*-api` modules are the only list; a test holds the two schemas equal.
 */
export function resolversOf(root: ModuleRef): Type[] {
  return providersOf(root).filter((p) => Reflect.hasMetadata(RESOLVER_TYPE_METADATA, p));
}

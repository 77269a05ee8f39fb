import type { ImportDeclaration, Module, ModuleItem, Statement } from "@swc/core";

const SDK = "@tsc-cog/sdk";

/**
 * The module-level names a type hint may reference as values: declared classes (not `declare class`),
 * `const X = class …`, and names imported from `@tsc-cog/sdk` without `type` (`Path`, `Secret`, `Int`).
 *
 * `import type { Secret }` and `import { type Secret }` are left out: swc erases them, so a reference
 * would fail at run time. Names imported from other modules are left out too: such a name may be an
 * interface imported without `type`, which TypeScript allows and swc elides, but which a reference
 * would turn into a link error ("does not provide an export named …") that breaks the whole module.
 * No type tsc-cog supports comes from elsewhere, so nothing is lost: the SDK reports such a type.
 */
export function moduleValueBindings(module: Module): Set<string> {
  const names = new Set<string>();
  for (const item of module.body) {
    for (const name of item.type === "ImportDeclaration" ? importedValues(item) : declaredClasses(item)) names.add(name);
  }
  return names;
}

function importedValues(declaration: ImportDeclaration): string[] {
  const source = declaration.source.value;
  if (declaration.typeOnly || (source !== SDK && !source.startsWith(`${SDK}/`))) return [];
  return declaration.specifiers
    .filter((specifier) => specifier.type !== "ImportSpecifier" || !specifier.isTypeOnly)
    .map((specifier) => specifier.local.value);
}

function declaredClasses(item: ModuleItem): string[] {
  if (item.type === "ExportDefaultDeclaration") {
    return item.decl.type === "ClassExpression" && item.decl.identifier ? [item.decl.identifier.value] : [];
  }
  const statement: ModuleItem | Statement = item.type === "ExportDeclaration" ? item.declaration : item;
  if (statement.type === "ClassDeclaration") return statement.declare ? [] : [statement.identifier.value];
  if (statement.type !== "VariableDeclaration" || statement.declare) return [];
  return statement.declarations.flatMap((declarator) =>
    declarator.id.type === "Identifier" && declarator.init?.type === "ClassExpression" ? [declarator.id.value] : [],
  );
}

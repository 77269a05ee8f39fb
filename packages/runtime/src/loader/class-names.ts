import type { Class, ClassMember, Module, VariableDeclarator } from "@swc/core";
import { forEachNode, type Insertion } from "./source-edits.js";

/**
 * Names each anonymous class expression assigned to a variable after it (`const Echo = class {…}`
 * becomes `const Echo = class Echo {…}`) when the class has decorated members. swc's decorator
 * transform assigns such a class to a temporary first, which would make its `name` `_class`, the
 * name every message about the predictor would then show.
 */
export function classNameInsertions(module: Module): Insertion[] {
  const insertions: Insertion[] = [];
  forEachNode(module, (node) => {
    if (node.type !== "VariableDeclarator") return;
    const { id, init } = node as VariableDeclarator;
    if (id.type === "Identifier" && init?.type === "ClassExpression" && !init.identifier && hasDecoratedMembers(init)) {
      insertions.push({ position: init.span.start + "class".length, text: ` ${id.value}` });
    }
  });
  return insertions;
}

function hasDecoratedMembers(owner: Class): boolean {
  return owner.body.some(isDecorated);
}

function isDecorated(member: ClassMember): boolean {
  if (member.type === "ClassProperty") return (member.decorators?.length ?? 0) > 0;
  if (member.type !== "ClassMethod") return false;
  return (member.function.decorators?.length ?? 0) > 0 || member.function.params.some((param) => (param.decorators?.length ?? 0) > 0);
}

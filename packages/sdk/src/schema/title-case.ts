/**
 * Cog's `TitleCase`: split the name on `_` and upper-case the first letter of each part, keeping
 * empty parts (`no_default` → `No Default`, `a__b` → `A  B`). The rest of each part is unchanged.
 */
export function titleCase(name: string): string {
  return name
    .split("_")
    .map((part) => part.replace(/^./su, (first) => first.toUpperCase()))
    .join(" ");
}

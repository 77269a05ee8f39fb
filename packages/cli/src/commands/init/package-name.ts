import { basename } from "node:path";

/** The name a project gets when its folder's name leaves nothing usable (`/`, `___`). */
export const FALLBACK_PACKAGE_NAME = "tsc-cog-model";

/** Names npm refuses whatever their characters. */
const RESERVED = new Set(["node_modules", "favicon.ico"]);

/**
 * A valid npm package name made from a project folder's name: lower case, runs of characters npm does
 * not allow (anything but `a-z 0-9 - . _`; npm refuses `~` in new names) as one `-`, no leading `.`/`_`/`-` nor trailing `.`/`-`,
 * at most 214 characters; {@link FALLBACK_PACKAGE_NAME} when nothing is left.
 */
export function packageNameFor(folder: string): string {
  const name = basename(folder)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9\-._]+/g, "-")
    .replace(/^[-._]+/, "")
    .slice(0, 214)
    .replace(/[-.]+$/, "");
  return name === "" || RESERVED.has(name) ? FALLBACK_PACKAGE_NAME : name;
}

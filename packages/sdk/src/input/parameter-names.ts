/** One parameter of a compiled function, as written in its source text. */
export interface ParameterSource {
  /** The parameter's name, or `undefined` for a destructuring pattern. */
  readonly name: string | undefined;
  /** True when the parameter has a JavaScript default initializer (`n = 1`). */
  readonly hasInitializer: boolean;
}

/**
 * Reads the parameter list of a function from its source text (`fn.toString()`), since decorator
 * metadata carries types but not names. Handles defaults containing brackets, strings and comments.
 */
export function parametersOf(fn: (...args: never[]) => unknown): ParameterSource[] {
  const text = Function.prototype.toString.call(fn);
  const open = text.indexOf("(");
  if (open < 0) return [];
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' || ch === "'" || ch === "`") {
      const end = skipString(text, i);
      current += text.slice(i, end);
      i = end - 1;
      continue;
    }
    if (ch === "/" && (text[i + 1] === "/" || text[i + 1] === "*")) {
      const end = text[i + 1] === "/" ? text.indexOf("\n", i) : text.indexOf("*/", i) + 2;
      i = (end <= 1 ? text.length : end) - 1;
      continue;
    }
    if (ch === "(" || ch === "[" || ch === "{") depth++;
    if (ch === ")" || ch === "]" || ch === "}") {
      if (depth === 0) break;
      depth--;
    }
    if (ch === "," && depth === 0) {
      parts.push(current);
      current = "";
      continue;
    }
    current += ch;
  }
  if (current.trim() !== "") parts.push(current);
  return parts.map((part) => {
    const trimmed = part.trim().replace(/^\.\.\./, "");
    // Identifiers may hold any Unicode letter (`größe`), not only ASCII.
    const match = /^([\p{ID_Start}_$][\p{ID_Continue}$\u200c\u200d]*)\s*(=)?/u.exec(trimmed);
    return { name: match?.[1], hasInitializer: match ? match[2] === "=" : trimmed.includes("=") };
  });
}

function skipString(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === quote) return i + 1;
  }
  return text.length;
}

/** `text` less one trailing newline (`\n` or `\r\n`), as a secret read from a file or stdin is taken. */
export function dropTrailingNewline(text: string): string {
  return text.endsWith("\r\n") ? text.slice(0, -2) : text.endsWith("\n") ? text.slice(0, -1) : text;
}

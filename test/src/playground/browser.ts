// The playground tests' browser: Playwright (`playwright-core`, a root devDependency) driving the
// system's Chromium (Debian: `apt-get install -y chromium`). Without either, the tests skip and say
// what to install; with CI set, they fail instead. Only what the tests use of Playwright is typed here,
// so the test build does not depend on the package being installed.
import { existsSync } from "node:fs";

/** Where Debian's chromium package puts the browser. */
export const CHROMIUM = "/usr/bin/chromium";

export interface Locator {
  click(): Promise<void>;
  fill(value: string): Promise<void>;
  selectOption(value: { readonly label: string }): Promise<unknown>;
  setInputFiles(file: { readonly name: string; readonly mimeType: string; readonly buffer: Buffer }): Promise<void>;
  inputValue(): Promise<string>;
  textContent(): Promise<string | null>;
  getAttribute(name: string): Promise<string | null>;
  waitFor(options?: { readonly state?: "attached" | "visible"; readonly timeout?: number }): Promise<void>;
  count(): Promise<number>;
}

export interface Page {
  goto(url: string): Promise<unknown>;
  url(): string;
  content(): Promise<string>;
  locator(selector: string): Locator;
  getByLabel(text: string, options?: { readonly exact?: boolean }): Locator;
  /** A string expression, evaluated in the page (the test build has no DOM types). */
  evaluate<T>(expression: string): Promise<T>;
  screenshot(options: { readonly path: string; readonly fullPage?: boolean }): Promise<Buffer>;
  on(event: "pageerror", listener: (error: Error) => void): void;
  on(event: "console", listener: (message: { type(): string; text(): string }) => void): void;
  context(): BrowserContext;
}

export interface BrowserContext {
  newPage(): Promise<Page>;
  cookies(): Promise<readonly unknown[]>;
  close(): Promise<void>;
}

export interface Browser {
  newContext(options?: { readonly viewport?: { readonly width: number; readonly height: number } }): Promise<BrowserContext>;
  close(): Promise<void>;
}

interface Playwright {
  readonly chromium: {
    launch(options: { readonly executablePath: string; readonly args: readonly string[]; readonly headless: boolean }): Promise<Browser>;
  };
}

/** Chromium launched headless, or why the tests cannot run (a reason to skip, or to fail under CI). */
export async function launchChromium(): Promise<{ readonly browser: Browser } | { readonly missing: string }> {
  if (!existsSync(CHROMIUM)) return { missing: `Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium` };
  // A variable specifier: the build does not resolve the package, so it compiles before it is installed.
  const name = "playwright-core";
  let playwright: Playwright;
  try {
    playwright = (await import(name)) as Playwright;
  } catch {
    return { missing: "playwright-core is not installed: it is a root devDependency (pnpm install)" };
  }
  const browser = await playwright.chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"], headless: true });
  return { browser };
}

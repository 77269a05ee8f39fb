import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { compileCacheKey, compileWithCache, defaultCompileCacheDir } from "./compile-cache.js";

let dir: string;

/**
 * Compiles `source` through the cache in a fresh Node process and reports whether that process
 * loaded swc (both by the loader's own flag and by Node's CommonJS module cache).
 */
function compileInFreshProcess(source: string, cacheDir: string): { swcLoaded: boolean; swcInRequireCache: boolean; code: string } {
  const script = `
    import { createRequire } from "node:module";
    import { compileWithCache } from ${JSON.stringify(new URL("./compile-cache.js", import.meta.url).href)};
    import { isSwcLoaded } from ${JSON.stringify(new URL("./swc.js", import.meta.url).href)};
    const code = compileWithCache(process.env.SOURCE, process.env.FILE, process.env.CACHE);
    const swcInRequireCache = Object.keys(createRequire(import.meta.url).cache).some((id) => /[\\\\/]@swc[\\\\/]core[\\\\/]/.test(id));
    console.log(JSON.stringify({ swcLoaded: isSwcLoaded(), swcInRequireCache, code }));`;
  const env = { ...process.env, SOURCE: source, FILE: join(dir, "predict.ts"), CACHE: cacheDir };
  return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { env, encoding: "utf8" }));
}

describe("compile cache", () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "tsc-cog-cache-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("lives in $TSC_COG_CACHE_DIR, else under $XDG_CACHE_HOME or ~/.cache", () => {
    assert.equal(defaultCompileCacheDir({ TSC_COG_CACHE_DIR: "/c/compiled", XDG_CACHE_HOME: "/x" }), "/c/compiled");
    assert.equal(defaultCompileCacheDir({ XDG_CACHE_HOME: "/x" }), "/x/tsc-cog/compiled");
    assert.equal(defaultCompileCacheDir({}), join(homedir(), ".cache", "tsc-cog", "compiled"));
  });

  it("serves a second compilation from disk without loading swc", () => {
    const cacheDir = join(dir, "fresh");
    const source = "export class P { m(a: number | null): number | null { return a; } }\n";
    const first = compileInFreshProcess(source, cacheDir);
    const second = compileInFreshProcess(source, cacheDir);
    assert.deepEqual([first.swcLoaded, first.swcInRequireCache], [true, true]);
    assert.deepEqual([second.swcLoaded, second.swcInRequireCache], [false, false]);
    assert.equal(second.code, first.code);
    assert.equal(readdirSync(cacheDir).length, 1);
  });

  it("recompiles a changed source, and keys on the file name too", () => {
    const cacheDir = join(dir, "changed");
    const file = join(dir, "predict.ts");
    const before = compileWithCache("export const answer: number = 41;\n", file, cacheDir);
    const after = compileWithCache("export const answer: number = 42;\n", file, cacheDir);
    assert.match(before, /answer = 41/);
    assert.match(after, /answer = 42/);
    assert.notEqual(compileCacheKey("x", join(dir, "a.ts")), compileCacheKey("x", join(dir, "b.ts")));
    assert.equal(readdirSync(cacheDir).length, 2, "one entry each, no temporary files left");
  });

  it("compiles without a cache when the directory cannot be created", () => {
    const blocker = join(dir, "not-a-directory");
    writeFileSync(blocker, "");
    assert.match(compileWithCache("export const ok: boolean = true;\n", join(dir, "p.ts"), join(blocker, "cache")), /ok = true/);
  });

  it("does not cache a file that does not compile", () => {
    const cacheDir = join(dir, "broken");
    assert.throws(() => compileWithCache("export const = ;\n", join(dir, "broken.ts"), cacheDir), SyntaxError);
    assert.deepEqual(existsSync(cacheDir) ? readdirSync(cacheDir) : [], []);
  });
});

import { basename, extname, isAbsolute, resolve } from "node:path";
import { MetadataKeys } from "../metadata/keys.js";

/**
 * A file on the local disk, as a Path input arrives in `predict()` and as a predictor returns a file.
 * `String(p)` and `p.path` give the absolute path.
 */
export class Path {
  /** The absolute path of the file. */
  readonly path: string;

  /** @param path a file path, made absolute against the current directory. */
  constructor(path: string) {
    this.path = isAbsolute(path) ? path : resolve(path);
  }

  /** The file's extension with its dot (`.png`), or `""`. */
  get ext(): string {
    return extname(this.path);
  }

  /** The file's name without directories. */
  get name(): string {
    return basename(this.path);
  }

  toString(): string {
    return this.path;
  }

  toJSON(): string {
    return this.path;
  }

  static {
    Object.defineProperty(Path.prototype, MetadataKeys.pathBrand, { value: true });
  }
}

/** True when `value` is a Path, also one made by another copy of the SDK. */
export function isPath(value: unknown): value is Path {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[MetadataKeys.pathBrand] === true;
}

#!/usr/bin/env node
// The bin shim: everything lives in dist/, built by `tsc -b`.
import { main } from "../dist/main.js";

main(process.argv.slice(2));

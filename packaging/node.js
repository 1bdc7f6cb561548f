// Node entry of veil-filter: loads the wasm synchronously from the package folder, so that the
// same three lines as in the browser work (`await init()` is then a no-op).
import { readFileSync } from "node:fs";
import { initSync } from "./veil.js";

initSync({ module: readFileSync(new URL("./veil_bg.wasm", import.meta.url)) });

export * from "./veil.js";

/** Already initialised on import in Node; kept so browser code runs unchanged. */
export default async function init() {}

// Node entry of veil-filter: loads the wasm synchronously from the package folder, so that the
// same three lines as in the browser work (`await init()` is then a no-op). `filter.loadModel()`
// reads the optional model asset (veil-model.bin) from the package folder, only when called.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { initSync, MessageFilter } from "./veil.js";
import { installLoadModel, responseBytes } from "./load-model.js";
import { installBatch } from "./batch.js";

installBatch(MessageFilter);

initSync({ module: readFileSync(new URL("./veil_bg.wasm", import.meta.url)) });

// "C:\..." is a Windows path, not a URL with the scheme "c".
const hasScheme = (s) => /^[a-z][a-z0-9+.-]*:/i.test(s) && !/^[a-z]:[\\/]/i.test(s);

installLoadModel(MessageFilter, {
  defaultSource: () => new URL("./veil-model.bin", import.meta.url),
  // A file path or file: URL is read from disk; http(s) and other URLs are fetched.
  read: async (source) => {
    const url = source instanceof URL ? source : hasScheme(source) ? new URL(source) : null;
    if (url === null) return readFile(source);
    if (url.protocol === "file:") return readFile(url);
    return responseBytes(await fetch(url));
  },
});

/**
 * The filter in a worker thread: the same methods, each returning a promise. Resolves once the
 * worker's filter is made (rejects for bad settings). Call `terminate()` when done: a running
 * worker keeps Node alive.
 */
export async function createWorkerFilter(settings) {
  // Imported here, not at the top: a client that never starts a worker does not pay for them.
  const [{ Worker }, { connect }] = await Promise.all([
    import("node:worker_threads"),
    import("./worker-filter.js"),
  ]);
  const worker = new Worker(new URL("./node-worker.js", import.meta.url));
  return connect(worker, settings, () => worker.terminate(), (source) =>
    source instanceof URL ? source.href : source,
  );
}

export * from "./veil.js";
export { ACTIONS } from "./batch.js";

/** Already initialised on import in Node; kept so browser code runs unchanged. */
export default async function init() {}

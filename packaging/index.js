// Browser and bundler entry of veil-filter: the generated wasm-bindgen module (veil.js) plus
// `filter.loadModel(source?)` for the optional n-gram model. The model asset (veil-model.bin)
// is fetched only when loadModel() is called; importing this module never downloads it.
import { MessageFilter } from "./veil.js";
import { installLoadModel, responseBytes } from "./load-model.js";
import { installBatch } from "./batch.js";

installBatch(MessageFilter);

installLoadModel(MessageFilter, {
  // A literal `new URL(..., import.meta.url)` so that bundlers (Vite, webpack) emit the asset.
  defaultSource: () => new URL("./veil-model.bin", import.meta.url),
  read: async (source) => responseBytes(await fetch(source)),
});

/**
 * The filter in a Web Worker: the same methods, each returning a promise. Resolves once the
 * worker's filter is made (rejects for bad settings). Call `terminate()` when done.
 */
export async function createWorkerFilter(settings, { workerUrl } = {}) {
  // Loaded here, not at import: a client that never starts a worker does not fetch it.
  const { connect } = await import("./worker-filter.js");
  // Written out whole, `new Worker(new URL(..., import.meta.url), ...)`, so that bundlers
  // (Vite, webpack) recognise it and emit the worker with its imports.
  const worker = workerUrl
    ? new Worker(workerUrl, { type: "module" })
    : new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  const here = () => (typeof location === "undefined" ? undefined : location.href);
  return connect(worker, settings, () => worker.terminate(), (source) =>
    typeof source === "string" || source instanceof URL ? new URL(source, here()).href : source,
  );
}

export * from "./veil.js";
export { ACTIONS } from "./batch.js";
export { default } from "./veil.js";

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

export * from "./veil.js";
export { ACTIONS } from "./batch.js";
export { default } from "./veil.js";

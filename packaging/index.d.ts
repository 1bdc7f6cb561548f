// Types for the veil-filter entries (index.js in browsers and bundlers, node.js in Node): the
// engine's generated declarations, plus `loadModel` for the optional n-gram model.
export * from "./veil.js";
export { default } from "./veil.js";

/**
 * Where `loadModel` reads the model asset: a URL (a string URL or path in Node), a fetched
 * `Response`, or the bytes themselves.
 */
export type ModelSource = string | URL | Response | ArrayBuffer | Uint8Array;

/** The codes `checkActions` returns, by value: `ACTIONS[code]`. */
export declare const ACTIONS: readonly ["show", "blur", "hide"];

declare module "./veil.js" {
  interface MessageFilter {
    /**
     * The fast batch: one action code per text (0 show, 1 blur, 2 hide; see `ACTIONS`), in
     * order, with no verdict objects built. Use it to sort a large inbox, then ask `checkBatch`
     * or `check` for the details of the flagged few. Sender memory does not apply (as in
     * `checkBatch`). Throws a `TypeError` unless `texts` is an array of strings.
     */
    checkActions(texts: string[]): Uint8Array;
    /**
     * Loads the optional n-gram model (`veil-model.bin`, about 100 KB) and uses it from then on.
     * Without an argument it reads the asset shipped next to the package entry: fetched in
     * browsers (relative to the module URL), read from the package folder in Node. In Node a
     * string may be a file path or a `file:` URL; http(s) URLs are fetched.
     *
     * Resolves to undefined once the model is in use (`hasModel` is then true). Rejects with an
     * `Error` naming the source if the fetch fails (HTTP status), the file is missing, or the
     * engine refuses the bytes (truncated, corrupt, other format version); the filter is then
     * unchanged (its previous model, or lexicon-only) and `check()` keeps working.
     * Nothing downloads the asset unless this is called.
     */
    loadModel(source?: ModelSource): Promise<void>;
  }
}

type Promised<F> = F extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
type FilterMethods = Pick<import("./veil.js").MessageFilter,
  | "check" | "checkBatch" | "checkActions" | "loadModel" | "loadModelBytes" | "unloadModel"
  | "block" | "unblock" | "trust" | "untrust" | "blockedSenders" | "exportState" | "importState"
  | "settings" | "setSettings">;

/** A filter running in a Web Worker (a worker thread in Node): MessageFilter's methods, each
 *  returning a promise. Errors keep their kind (a TypeError stays a TypeError). */
export type WorkerFilter = { [K in keyof FilterMethods]: Promised<FilterMethods[K]> } & {
  /** Whether the n-gram model is in use. */
  hasModel(): Promise<boolean>;
  /** Stops the worker: calls still waiting reject, and so do later ones. */
  terminate(): void;
};

/**
 * Starts a filter in a Web Worker (in Node, a worker thread), so that a large inbox is checked
 * off the main thread. Resolves once the worker's filter exists; rejects for settings the
 * engine refuses. `workerUrl` overrides where the worker script is loaded from (browsers).
 */
export declare function createWorkerFilter(settings?: import("./veil.js").Settings, options?: { workerUrl?: string | URL }): Promise<WorkerFilter>;

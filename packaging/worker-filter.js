// `createWorkerFilter(settings)`: the same filter in a Web Worker (or a Node worker thread), so
// that a client can filter a large inbox off the main thread. Every method of MessageFilter is
// there and returns a promise; errors keep their kind (a TypeError stays a TypeError) and the
// worker's filter is unchanged by them, as on the main thread.

/** The methods a worker filter forwards, all of MessageFilter's. */
export const WORKER_METHODS = Object.freeze([
  "check", "checkBatch", "checkActions", "loadModel", "loadModelBytes", "unloadModel", "hasModel",
  "block", "unblock", "trust", "untrust", "blockedSenders", "exportState", "importState",
  "settings", "setSettings",
]);

const ERRORS = { TypeError, RangeError, SyntaxError };
const revive = ({ name, message }) => {
  const e = new (ERRORS[name] || Error)(message);
  if (!ERRORS[name] && name && name !== "Error") e.name = name;
  return e;
};

/**
 * The client half, given a started worker (`port` has postMessage and on/addEventListener) and a
 * way to stop it. Resolves once the worker has made its filter, or rejects with the reason it
 * could not (bad settings, a wasm that would not load).
 */
export function connect(port, settings, stop, modelSource = (s) => s) {
  let next = 0;
  const waiting = new Map();
  let dead = null;
  const onMessage = (event) => {
    const { id, ok, value, error } = event && "data" in event ? event.data : event;
    const w = waiting.get(id);
    if (!w) return;
    waiting.delete(id);
    if (ok) w.resolve(value);
    else w.reject(revive(error));
  };
  const onError = (event) => {
    const where = event && event.filename ? ` (${event.filename}:${event.lineno})` : "";
    const what = (event && event.message) || (event && event.type === "error" ? "it could not start or load" : event);
    dead = new Error(`veil: the filter's worker failed: ${what}${where}`);
    for (const w of waiting.values()) w.reject(dead);
    waiting.clear();
  };
  if (port.addEventListener) {
    port.addEventListener("message", onMessage);
    port.addEventListener("error", onError);
  } else {
    port.on("message", onMessage);
    port.on("error", onError);
  }
  const call = (method, args) => {
    if (dead) return Promise.reject(dead);
    const id = next++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      port.postMessage({ id, method, args });
    });
  };
  const filter = {
    /** Stops the worker. Calls still waiting reject; later calls reject at once. */
    terminate() {
      dead = new Error("veil: the worker filter was terminated");
      for (const w of waiting.values()) w.reject(dead);
      waiting.clear();
      stop();
    },
  };
  for (const method of WORKER_METHODS) filter[method] = (...args) => call(method, args);
  // A model source must cross to the worker: a URL as its address, resolved where the caller
  // is; a Response as its bytes.
  filter.loadModel = async (source) => {
    if (source && typeof source === "object" && typeof source.arrayBuffer === "function" && "status" in source) {
      if (!source.ok) throw new Error(`veil: loadModel(${source.url || "a Response"}): HTTP ${source.status}`);
      source = new Uint8Array(await source.arrayBuffer());
    }
    return call("loadModel", source === undefined ? [] : [modelSource(source)]);
  };
  return call("$create", [settings]).then(
    () => Object.freeze(filter),
    (e) => {
      filter.terminate();
      throw e;
    },
  );
}

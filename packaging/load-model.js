// Shared by the browser entry (index.js) and the Node entry (node.js): `filter.loadModel(source)`,
// which reads the optional n-gram model asset (veil-model.bin) and hands its bytes to the engine.
// Nothing here runs at import beyond defining the method: the asset is read only when asked.

/** Why something failed, for our message. The engine's messages start with "veil: ", as ours
 *  do, so drop the inner one; Node's "fetch failed" says why only in its cause. */
function reason(e) {
  const text = String((e && e.message) || e).replace(/^veil: /, "");
  const why = e && e.cause && (e.cause.code || e.cause.message);
  return why && !text.includes(why) ? `${text} (${why})` : text;
}

const isResponse = (v) =>
  v !== null && typeof v === "object" && typeof v.arrayBuffer === "function" && typeof v.ok === "boolean" && "status" in v;

/** A short name for a source, for error messages. */
function describe(source) {
  if (typeof source === "string") return source;
  if (source instanceof URL) return source.href;
  if (isResponse(source)) return source.url || "a Response";
  if (source instanceof Uint8Array) return `a Uint8Array of ${source.byteLength} bytes`;
  if (source instanceof ArrayBuffer) return `an ArrayBuffer of ${source.byteLength} bytes`;
  if (ArrayBuffer.isView(source)) return `a ${source.constructor.name} of ${source.byteLength} bytes`;
  return String(source);
}

/** The body of an HTTP response, refusing error statuses. */
export async function responseBytes(response) {
  if (!response.ok) {
    throw new Error(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`);
  }
  if (response.bodyUsed) throw new Error("the response body was already read");
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Defines `MessageFilter.prototype.loadModel(source?)`.
 * - `defaultSource()`: where the asset is when no source is given (next to the entry module);
 * - `read(urlOrString)`: the bytes behind a URL or string (fetch in browsers; fetch or a file in Node).
 * The returned promise resolves to undefined once the model is in use. It rejects with an Error
 * naming the source if reading fails (HTTP status, missing file) or the engine refuses the bytes
 * (truncated, corrupt, other format version); the filter is then unchanged: it keeps its previous
 * model, or stays lexicon-only, and `check()` keeps working.
 */
export function installLoadModel(MessageFilter, { defaultSource, read }) {
  async function loadModel(source) {
    if (source === undefined || source === null) source = defaultSource();
    const name = describe(source);
    let bytes;
    if (source instanceof Uint8Array) bytes = source;
    else if (source instanceof ArrayBuffer) bytes = new Uint8Array(source);
    else if (ArrayBuffer.isView(source)) bytes = new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
    else if (typeof source === "string" || source instanceof URL || isResponse(source)) {
      try {
        bytes = isResponse(source) ? await responseBytes(source) : await read(source);
      } catch (e) {
        throw new Error(`veil: could not load the model from ${name}: ${reason(e)}`, { cause: e });
      }
    } else {
      throw new TypeError(
        `veil: loadModel expects a URL, a path, a Response, an ArrayBuffer or a Uint8Array, not ${name}`,
      );
    }
    try {
      this.loadModelBytes(bytes);
    } catch (e) {
      throw new Error(`veil: the model from ${name} was refused: ${reason(e)}`, { cause: e });
    }
  }
  Object.defineProperty(MessageFilter.prototype, "loadModel", {
    value: loadModel,
    writable: true,
    configurable: true,
    enumerable: false,
  });
}

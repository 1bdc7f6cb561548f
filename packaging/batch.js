// Shared by both entries: `filter.checkActions(texts)`, the fast batch. The texts cross into
// wasm as one joined string with their lengths, and one Uint8Array of actions comes back, so a
// client rendering thousands of messages pays for no verdict objects. Details are for the
// flagged few: ask `checkBatch` (or `check`) for those texts only.

/** The action codes of `checkActions`, by value: ACTIONS[code] is "show", "blur" or "hide". */
export const ACTIONS = Object.freeze(["show", "blur", "hide"]);

const describe = (v) =>
  v === null ? "null" : Array.isArray(v) ? "an array" : /^[aeiou]/.test(typeof v) ? `an ${typeof v}` : `a ${typeof v}`;

export function installBatch(MessageFilter) {
  MessageFilter.prototype.checkActions = function checkActions(texts) {
    if (!Array.isArray(texts)) {
      throw new TypeError(`veil: checkActions(texts): expected an array of strings, got ${describe(texts)}`);
    }
    const lengths = new Uint32Array(texts.length);
    for (let i = 0; i < texts.length; i++) {
      const t = texts[i];
      if (typeof t !== "string") {
        throw new TypeError(`veil: checkActions(texts[${i}]): expected a string, got ${describe(t)}`);
      }
      lengths[i] = t.length;
    }
    return this.checkPacked(texts.join(""), lengths);
  };
}

// The worker half of `createWorkerFilter`: makes a MessageFilter when asked ("$create"), then
// runs each call it is sent and posts the result back. Results that are bytes move (transfer)
// rather than copy. Calls run one at a time, in the order sent (a check after loadModel sees
// the model).
export function serve(MessageFilter, receive, send) {
  let filter = null;
  let queue = Promise.resolve();
  receive((message) => {
    queue = queue.then(() => run(message));
  });
  async function run({ id, method, args }) {
    try {
      let value;
      if (method === "$create") {
        filter = new MessageFilter(args[0]);
      } else if (method === "hasModel") {
        value = filter.hasModel;
      } else {
        value = await filter[method](...args);
      }
      send({ id, ok: true, value }, value instanceof Uint8Array ? [value.buffer] : []);
    } catch (e) {
      send({ id, ok: false, error: { name: (e && e.name) || "Error", message: String((e && e.message) || e) } });
    }
  }
}

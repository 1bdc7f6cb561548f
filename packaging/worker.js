// The Web Worker script of `createWorkerFilter` (browser and bundler entry).
import init, { MessageFilter } from "./index.js";
import { serve } from "./worker-host.js";

const ready = init();
serve(
  MessageFilter,
  (handle) => self.addEventListener("message", (e) => ready.then(() => handle(e.data))),
  (message, transfer) => self.postMessage(message, transfer),
);

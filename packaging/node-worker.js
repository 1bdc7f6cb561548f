// The worker-thread script of `createWorkerFilter` in Node.
import { parentPort } from "node:worker_threads";
import { MessageFilter } from "./node.js";
import { serve } from "./worker-host.js";

serve(
  MessageFilter,
  (handle) => parentPort.on("message", handle),
  (message, transfer) => parentPort.postMessage(message, transfer),
);

#!/usr/bin/env node
/**
 * The project's tslab kernel: tslab's own entry point, with one fix applied first.
 *
 * tslab sends Jupyter messages with zeromq 6 without waiting for the previous send to finish.
 * When a send cannot complete at once (a large PNG or HTML output, a busy machine), zeromq 6
 * throws "Socket is busy writing; only one send operation may be in progress at any time" from
 * the NEXT send, i.e. from inside the user's display or console call, and tslab then fails the
 * cell with an empty error. Here every socket's send is queued behind the previous one (order
 * kept), so outputs are never dropped and cells never fail for that reason.
 *
 * Used by the kernel spec that scripts/setup-kernel.mjs writes; arguments are tslab's.
 */
const path = require('path');

const tslabDir = path.dirname(require.resolve('tslab/package.json'));
const zmq = require(require.resolve('zeromq', { paths: [tslabDir] }));

for (const name of ['Publisher', 'Router', 'Reply', 'Dealer']) {
  const proto = zmq[name] && zmq[name].prototype;
  if (!proto || typeof proto.send !== 'function' || proto.__adaptiveQueued) continue;
  const send = proto.send;
  Object.defineProperty(proto, '__adaptiveQueued', { value: true });
  // `send` is a non-writable property of the native base class: define it, do not assign it.
  Object.defineProperty(proto, 'send', {
    configurable: true,
    writable: true,
    value: function queuedSend(...args) {
      const previous = this.__adaptiveSendQueue || Promise.resolve();
      const next = previous.then(() => send.apply(this, args));
      // Keep the queue alive after a failed send; the failure is reported once, here.
      this.__adaptiveSendQueue = next.catch((err) => {
        process.stderr.write(`tslab-kernel: a Jupyter message could not be sent: ${err && err.message}\n`);
      });
      return next;
    },
  });
}

require(path.join(tslabDir, 'dist', 'main.js')).main();

#!/usr/bin/env node
/**
 * The project's tslab kernel: tslab's own entry point, with one fix applied first.
 *
 * tslab sends Jupyter messages with zeromq 6 without waiting for the previous send to finish.
 * When a send cannot complete at once (a large PNG or HTML output, a busy machine), zeromq 6
 * throws "Socket is busy writing; only one send operation may be in progress at any time"
 * (EBUSY) synchronously from the NEXT send, i.e. from inside the user's display or console call,
 * and tslab then fails the cell with an empty error. Here a send that meets EBUSY is retried a
 * few milliseconds later instead of throwing; every other send behaves exactly as before.
 *
 * Used by the kernel spec that scripts/setup-kernel.mjs writes; arguments are tslab's.
 */
const path = require('path');

const tslabDir = path.dirname(require.resolve('tslab/package.json'));
const zmq = require(require.resolve('zeromq', { paths: [tslabDir] }));

for (const name of ['Publisher', 'Router', 'Reply', 'Dealer']) {
  const proto = zmq[name] && zmq[name].prototype;
  if (!proto || typeof proto.send !== 'function') continue;
  const send = proto.send;
  // `send` is a non-writable property of the native base class: define it, do not assign it.
  Object.defineProperty(proto, 'send', {
    configurable: true,
    writable: true,
    value: function retryingSend(...args) {
      try {
        return send.apply(this, args);
      } catch (err) {
        if (!err || err.code !== 'EBUSY') throw err;
        return new Promise((resolve, reject) => {
          setTimeout(() => {
            try {
              Promise.resolve(retryingSend.apply(this, args)).then(resolve, reject);
            } catch (e) {
              reject(e);
            }
          }, 2);
        });
      }
    },
  });
}

require(path.join(tslabDir, 'dist', 'main.js')).main();

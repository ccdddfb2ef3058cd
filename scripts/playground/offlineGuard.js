// A preload (node --import) that refuses, and records, every connection or name lookup that would leave the machine.
// Plain JavaScript, so that processes without a TypeScript loader (the Agents Playground) can preload it.

import dgram from 'node:dgram';
import dns from 'node:dns';
import fs from 'node:fs';
import net from 'node:net';
import process from 'node:process';

/** Names and addresses that stay on this machine. */
export function isLoopback(host) {
  if (host === undefined || host === null || host === '') return true; // Node's default host is localhost
  const h = String(host)
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** Where a `Socket#connect` call is going: a Unix socket path is local; otherwise the host of its arguments. */
function destinationOf(args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (first && typeof first === 'object') {
    if (typeof first.path === 'string') return { local: true };
    return { host: first.host, port: first.port };
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return { local: true };
  return { host: typeof args[1] === 'string' ? args[1] : undefined, port: first };
}

let installed;

/**
 * Patches net, dns and dgram so that non-loopback destinations fail with ECONNREFUSED (connections) or ENOTFOUND
 * (lookups) instead of leaving the machine. Each refusal is passed to `onRefused` as a one-line description.
 * Returns a function that undoes the patches. Installing twice returns the first installation's undo.
 */
export function install(onRefused) {
  if (installed) return installed;
  const refuse = (what) => {
    try {
      onRefused(what);
    } catch {
      // A broken reporter must not turn a refusal into a crash of the guarded process.
    }
  };
  const originals = {
    connect: net.Socket.prototype.connect,
    lookup: dns.lookup,
    promisesLookup: dns.promises.lookup,
    send: dgram.Socket.prototype.send,
    udpConnect: dgram.Socket.prototype.connect,
  };

  net.Socket.prototype.connect = function guardedConnect(...args) {
    const target = destinationOf(args);
    if (target.local || isLoopback(target.host)) return originals.connect.apply(this, args);
    refuse(`tcp ${target.host}:${target.port}`);
    const error = Object.assign(new Error(`offline guard: refused ${target.host}:${target.port}`), {
      code: 'ECONNREFUSED',
    });
    process.nextTick(() => this.destroy(error));
    return this;
  };

  dns.lookup = function guardedLookup(hostname, options, callback) {
    if (isLoopback(hostname)) return originals.lookup.call(this, hostname, options, callback);
    refuse(`dns ${hostname}`);
    const done = typeof options === 'function' ? options : callback;
    const error = Object.assign(new Error(`offline guard: refused lookup of ${hostname}`), {
      code: 'ENOTFOUND',
      hostname,
    });
    process.nextTick(() => done(error));
    return {};
  };

  dns.promises.lookup = function guardedPromisesLookup(hostname, options) {
    if (isLoopback(hostname)) return originals.promisesLookup.call(this, hostname, options);
    refuse(`dns ${hostname}`);
    return Promise.reject(
      Object.assign(new Error(`offline guard: refused lookup of ${hostname}`), {
        code: 'ENOTFOUND',
        hostname,
      }),
    );
  };

  dgram.Socket.prototype.send = function guardedSend(...args) {
    const address = args.find((a, i) => i > 0 && typeof a === 'string');
    if (address === undefined || isLoopback(address)) return originals.send.apply(this, args);
    refuse(`udp ${address}`);
    const callback = args.find((a) => typeof a === 'function');
    if (callback) process.nextTick(() => callback(new Error('offline guard: refused')));
    return undefined;
  };

  dgram.Socket.prototype.connect = function guardedUdpConnect(port, address, callback) {
    if (typeof address !== 'string' || isLoopback(address))
      return originals.udpConnect.call(this, port, address, callback);
    refuse(`udp ${address}:${port}`);
    throw Object.assign(new Error(`offline guard: refused ${address}:${port}`), {
      code: 'ECONNREFUSED',
    });
  };

  installed = () => {
    net.Socket.prototype.connect = originals.connect;
    dns.lookup = originals.lookup;
    dns.promises.lookup = originals.promisesLookup;
    dgram.Socket.prototype.send = originals.send;
    dgram.Socket.prototype.connect = originals.udpConnect;
    installed = undefined;
  };
  return installed;
}

// Preloaded with OFFLINE_GUARD_PRELOAD=1: guard this whole process, appending refusals to OFFLINE_GUARD_LOG and stderr.
if (process.env.OFFLINE_GUARD_PRELOAD === '1') {
  const logFile = process.env.OFFLINE_GUARD_LOG;
  install((what) => {
    const line = `${new Date().toISOString()} offline guard refused ${what}\n`;
    process.stderr.write(line);
    if (logFile) fs.appendFileSync(logFile, line);
  });
}

// A preload (node --import) that makes every server of the process listen on 127.0.0.1, whatever address it asked for.

import net from 'node:net';

const listen = net.Server.prototype.listen;

// The Agents Playground calls `server.listen(port)`, which means every interface: confine it to this machine.
net.Server.prototype.listen = function listenOnLoopback(...args) {
  const [first] = args;
  if (first !== null && typeof first === 'object' && !Array.isArray(first)) {
    if (
      typeof first.path === 'string' ||
      first.handle ||
      first._handle ||
      typeof first.fd === 'number'
    )
      return listen.apply(this, args);
    return listen.call(this, { ...first, host: '127.0.0.1' }, ...args.slice(1));
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return listen.apply(this, args); // a Unix socket path
  const port = first === undefined || typeof first === 'function' ? 0 : first;
  const rest = args.slice(1);
  if (typeof rest[0] === 'string' || rest[0] === undefined || rest[0] === null) rest.shift(); // the asked-for host
  return listen.call(this, port, '127.0.0.1', ...rest);
};

// Types of offlineGuard.js, the preload that refuses off-machine connections (plain JavaScript, see there).

/** Whether a host name or address stays on this machine. */
export function isLoopback(host: string | undefined | null): boolean;

/**
 * Refuses every connection and name lookup of this process that would leave the machine, reporting each one to
 * `onRefused` ("tcp 169.254.169.254:80", "dns dc.services.visualstudio.com"); returns a function that undoes it.
 */
export function install(onRefused: (what: string) => void): () => void;

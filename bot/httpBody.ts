// Reads a JSON request body safely: size limit, no compression, the right content type, valid JSON.

import type { IncomingMessage } from 'node:http';

/**
 * A body that cannot be accepted: the HTTP status and a sentence saying what to send instead. `unread` is true when
 * the refusal came before the whole body was read, so the connection must not be reused for another request.
 */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
    readonly unread = false,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

/** The client went away (or the server's request timeout cut it off) before the body was complete. */
export class BodyAbortedError extends Error {
  constructor() {
    super('The request was aborted before its body was complete.');
    this.name = 'BodyAbortedError';
  }
}

/**
 * Reads the body as JSON. Compressed bodies are refused before a single byte is inflated (a malformed gzip body
 * must never reach a decompressor), oversized bodies are cut off at the limit, and only `application/json` is read.
 */
export async function readJsonBody(
  request: IncomingMessage,
  limitBytes: number,
): Promise<Record<string, unknown>> {
  const encoding = (request.headers['content-encoding'] ?? '').toString().trim().toLowerCase();
  if (encoding !== '' && encoding !== 'identity') {
    throw new BodyError(
      415,
      `Content-Encoding "${encoding.slice(0, 20)}" is not accepted: send the activity as plain JSON.`,
      true,
    );
  }
  const contentType = (request.headers['content-type'] ?? '').toString().toLowerCase();
  if (!/^application\/json(\s*;|$)/.test(contentType)) {
    throw new BodyError(415, 'Content-Type must be application/json.', true);
  }
  const declared = Number(request.headers['content-length'] ?? '0');
  if (declared > limitBytes) {
    throw new BodyError(413, `The body is larger than ${limitBytes} bytes.`, true);
  }
  const text = (await readLimited(request, limitBytes)).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BodyError(400, 'The body is not valid JSON.');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new BodyError(400, 'The body must be a JSON object (a Bot Framework activity).');
  }
  return parsed as Record<string, unknown>;
}

/**
 * Collects the body up to the limit with plain listeners rather than `for await`: leaving an async iterator early
 * destroys the request mid-body, which left the keep-alive connection half-read and broke the client's next request.
 */
function readLimited(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = (): void => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onAbort);
      request.off('close', onAbort);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limitBytes) {
        cleanup();
        // Whatever else arrives is discarded unread until the response closes the connection.
        request.resume();
        reject(new BodyError(413, `The body is larger than ${limitBytes} bytes.`, true));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onAbort = (): void => {
      cleanup();
      reject(new BodyAbortedError());
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onAbort);
    request.on('close', onAbort);
  });
}

// Reads a JSON request body safely: size limit, no compression, the right content type, valid JSON.

import type { IncomingMessage } from 'node:http';

/** A body that cannot be accepted: the HTTP status and a sentence saying what to send instead. */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
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
    request.resume();
    throw new BodyError(
      415,
      `Content-Encoding "${encoding.slice(0, 20)}" is not accepted: send the activity as plain JSON.`,
    );
  }
  const contentType = (request.headers['content-type'] ?? '').toString().toLowerCase();
  if (!/^application\/json(\s*;|$)/.test(contentType)) {
    request.resume();
    throw new BodyError(415, 'Content-Type must be application/json.');
  }
  const declared = Number(request.headers['content-length'] ?? '0');
  if (declared > limitBytes) {
    request.resume();
    throw new BodyError(413, `The body is larger than ${limitBytes} bytes.`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limitBytes) {
      request.resume();
      throw new BodyError(413, `The body is larger than ${limitBytes} bytes.`);
    }
    chunks.push(buffer);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BodyError(400, 'The body is not valid JSON.');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new BodyError(400, 'The body must be a JSON object (a Bot Framework activity).');
  }
  return parsed as Record<string, unknown>;
}

import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/**
 * Send a stream as the body. Fastify pipes streams without serialising them; the typed reply
 * only knows the JSON shapes of the route's schemas, hence the one cast here.
 */
export function sendStream(reply: FastifyReply, stream: Readable): FastifyReply {
  return (reply as FastifyReply).send(stream);
}

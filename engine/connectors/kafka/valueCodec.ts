/**
 * The seam for Kafka value formats other than the built-in JSON ones (Avro through a schema
 * registry): the source hands each record value to a KafkaValueDecoder, the sink each document
 * to a KafkaValueEncoder. Both may answer synchronously (a cached schema) or asynchronously.
 *
 * Error contract: an ExprError (user domain) means this one record or document does not fit,
 * and it goes to the DLQ with the error's message; any other error is the codec's failure (a
 * registry that stays unreachable): the source stops without consuming the record, and the
 * sink's drain fails, so the processor fails and nothing is lost.
 */
import type { Message } from 'kafkajs';
import type { Doc } from '../../core/types';
import { ExprError } from '../../core/errors';

export interface KafkaValueDecoder {
  decode(value: Buffer | null, topic: string): Doc | Promise<Doc>;
}

export interface KafkaValueEncoder {
  encode(doc: Doc, topic: string): Buffer | Promise<Buffer>;
}

/** Decode with `decoder`, as the `{doc} | {error}` the source's JSON decoding also gives. */
export async function decodeWith(decoder: KafkaValueDecoder, value: Buffer | null, topic: string): Promise<{ doc: Doc } | { error: string }> {
  try {
    return { doc: await decoder.decode(value, topic) };
  } catch (e) {
    if (e instanceof ExprError) return { error: e.message };
    throw e;
  }
}

/**
 * Encode the value of every item marked `encode` (tombstones are not); items that do not
 * encode go to `fail` and are left out of the result, which keeps the others' order.
 */
export async function encodeWith<T extends { topic: string; msg: Message; doc: Doc; encode?: boolean }>(
  encoder: KafkaValueEncoder,
  items: T[],
  fail: (item: T, e: ExprError) => void,
): Promise<T[]> {
  const out: T[] = [];
  for (const it of items) {
    if (!it.encode) {
      out.push(it);
      continue;
    }
    try {
      it.msg.value = await encoder.encode(it.doc, it.topic);
      out.push(it);
    } catch (e) {
      if (!(e instanceof ExprError)) throw e;
      fail(it, e);
    }
  }
  return out;
}

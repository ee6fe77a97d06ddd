/** The literal list of `$source` flavours, keyed by connection type. */
import type { ConnectionType } from '../connections/types';
import type { SourceFlavour } from './flavour';
import { documentsFlavour } from './documents';
import { sampleFlavour } from './sample';
import { kafkaFlavour } from './kafka';
import { changeStreamFlavour } from './changeStream';

const FLAVOURS: SourceFlavour<any>[] = [documentsFlavour, sampleFlavour, kafkaFlavour, changeStreamFlavour];

/** The flavour for a connection type (undefined type = inline documents). */
export function flavourFor(type: ConnectionType | undefined): SourceFlavour | undefined {
  if (type === undefined) return documentsFlavour as SourceFlavour;
  return FLAVOURS.find((f) => f.connectionTypes.includes(type)) as SourceFlavour | undefined;
}

/** Every option field any flavour accepts. */
export const SOURCE_FIELDS: readonly string[] = [...new Set(FLAVOURS.flatMap((f) => [...f.fields]))];

/** The connection types some flavour reads from. */
export const SOURCE_CONNECTION_TYPES: readonly ConnectionType[] = FLAVOURS.flatMap((f) => f.connectionTypes);

/**
 * The shape of the documents each `$source` flavour produces, for field-path completion: the
 * sample generator's solar readings (asp-spec §2.4) and change events (asp-spec §2.2). Kafka
 * topics have no known shape; inline documents give their own.
 */
import type { ConnectionType } from '../connections/types';
import { ANY, arr, obj, scalar, type Shape } from '../parse/shape';

/** `sample_stream_solar` documents. */
export const SOLAR_SHAPE: Shape = obj({
  device_id: scalar('string'),
  group_id: scalar('int'),
  timestamp: scalar('string'),
  max_watts: scalar('int'),
  event_type: scalar('int'),
  obs: obj({ watts: scalar('int'), temp: scalar('int') }),
  event_details: scalar('string'),
});

const CHANGE_EVENT: Shape = obj({
  _id: obj({ _data: scalar('string') }),
  operationType: scalar('string'),
  fullDocument: obj({}, true),
  fullDocumentBeforeChange: obj({}, true),
  ns: obj({ db: scalar('string'), coll: scalar('string') }),
  documentKey: obj({ _id: ANY }),
  updateDescription: obj({ updatedFields: obj({}, true), removedFields: arr(scalar('string')) }),
  clusterTime: scalar('timestamp'),
  wallTime: scalar('date'),
});

/** What a source over a connection of this type emits, as far as it is known. */
export function connectionShape(type: ConnectionType | undefined): Shape {
  if (type === 'Sample') return SOLAR_SHAPE;
  if (type === 'Cluster' || type === 'Local') return CHANGE_EVENT;
  return obj({}, true);
}

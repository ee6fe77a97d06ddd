// https://www.mongodb.com/docs/manual/reference/operator/aggregation/toUUID/
import { Binary } from 'bson';
import { typeName } from '../../bson/types';
import { stringToBin } from './_binData';
import { unaryOperator, unsupported } from './_internal';
import { docsUrl } from '../_shared/docs';

/**
 * Shorthand for `$convert` to `{type: "binData", subtype: 4}` with `format: "uuid"`. The
 * reference page says a non-string input is an error, so only strings convert.
 */
export const $toUUID = unaryOperator({
  name: '$toUUID',
  summary: 'Converts a UUID string (8-4-4-4-12 hex digits) to a UUID (binData subtype 4).',
  docsUrl: docsUrl('toUUID'),
  examples: [
    {
      doc: { UUID: '0e3b9063-8abd-4eb3-9f9f-f4c59fd30a60' },
      expr: { $toUUID: '$UUID' },
      expected: new Binary(Buffer.from('0e3b90638abd4eb39f9ff4c59fd30a60', 'hex'), 4),
    },
    { doc: { UUID: 42 }, expr: { $toUUID: '$UUID' }, error: 'Unsupported conversion from int to binData in $convert with no onError value' },
  ],
  fn: (v) => {
    if (typeof v !== 'string') throw unsupported(typeName(v), 'binData');
    return stringToBin(v, 'uuid', 4);
  },
});

import { Binary, Long } from 'bson';
import { table } from './_support';

// 54 = 0b110110
table('$bitsAllSet $bitsAnySet $bitsAllClear $bitsAnyClear', [
  [{ a: 54 }, { a: { $bitsAllSet: [1, 2] } }, true],
  [{ a: 54 }, { a: { $bitsAllSet: [0, 1] } }, false],
  [{ a: 54 }, { a: { $bitsAllSet: 6 } }, true],
  [{ a: 54 }, { a: { $bitsAnySet: [0, 3] } }, false],
  [{ a: 54 }, { a: { $bitsAnySet: [0, 4] } }, true],
  [{ a: 54 }, { a: { $bitsAllClear: [0, 3] } }, true],
  [{ a: 54 }, { a: { $bitsAllClear: [0, 1] } }, false],
  [{ a: 54 }, { a: { $bitsAnyClear: [1, 3] } }, true],
  [{ a: 54 }, { a: { $bitsAnyClear: [1, 2] } }, false],
  [{ a: -1 }, { a: { $bitsAllSet: [0, 31, 63, 200] } }, true],
  [{ a: -2 }, { a: { $bitsAnyClear: [0] } }, true],
  [{ a: 2 ** 40 }, { a: { $bitsAllSet: [40] } }, true],
  [{ a: -(2 ** 40) }, { a: { $bitsAllSet: [40, 41, 63] } }, true],
  [{ a: new Long(5) }, { a: { $bitsAllSet: [0, 2] } }, true],
  [{ a: new Binary(Buffer.from([0b00000101, 0b1])) }, { a: { $bitsAllSet: [0, 2, 8] } }, true],
  [{ a: new Binary(Buffer.from([0b00000101])) }, { a: { $bitsAllClear: [1, 100] } }, true],
  [{ a: 5 }, { a: { $bitsAllSet: new Binary(Buffer.from([0b101])) } }, true],
  [{ a: 5.5 }, { a: { $bitsAllClear: [1] } }, false],
  [{ a: NaN }, { a: { $bitsAllClear: [1] } }, false],
  [{ a: '5' }, { a: { $bitsAnyClear: [1] } }, false],
  [{}, { a: { $bitsAllClear: [1] } }, false],
  [{ a: null }, { a: { $bitsAllClear: [1] } }, false],
  [{ a: [1, 4] }, { a: { $bitsAllSet: [2] } }, true],
  [{ a: 7 }, { a: { $bitsAllSet: [] } }, true],
  [{ a: 7 }, { a: { $bitsAnySet: [] } }, false],
]);

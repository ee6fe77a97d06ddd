/** string expression operators. */
import type { ExprOperator } from '../types';
import { $concat } from './concat';
import { $hash } from './hash';
import { $hexHash } from './hexHash';
import { $indexOfBytes } from './indexOfBytes';
import { $indexOfCP } from './indexOfCP';
import { $ltrim } from './ltrim';
import { $regexFind } from './regexFind';
import { $regexFindAll } from './regexFindAll';
import { $regexMatch } from './regexMatch';
import { $replaceAll } from './replaceAll';
import { $replaceOne } from './replaceOne';
import { $rtrim } from './rtrim';
import { $split } from './split';
import { $strLenBytes } from './strLenBytes';
import { $strLenCP } from './strLenCP';
import { $strcasecmp } from './strcasecmp';
import { $substr } from './substr';
import { $substrBytes } from './substrBytes';
import { $substrCP } from './substrCP';
import { $toLower } from './toLower';
import { $toUpper } from './toUpper';
import { $trim } from './trim';

export const stringOperators: ExprOperator[] = [
  $concat, $hash, $hexHash, $indexOfBytes, $indexOfCP, $ltrim, $regexFind, $regexFindAll, $regexMatch, $replaceAll,
  $replaceOne, $rtrim, $split, $strLenBytes, $strLenCP, $strcasecmp, $substr, $substrBytes, $substrCP,
  $toLower, $toUpper, $trim,
];

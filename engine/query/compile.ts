/**
 * Compiles MQL query filters ($match, $validate, $lookup pipelines) into closures, once per
 * stage. Never throws: problems are reported through the expression compiler's sink as
 * ASP42x diagnostics.
 * https://www.mongodb.com/docs/manual/reference/operator/query/
 */
import type { Diagnostic, Doc, JsonPath, Value } from '../core/types';
import { isPlainObject } from '../bson/types';
import type { Compiler } from '../expr/types';
import { allOf, alwaysFalse, bindPath } from './path';
import { fieldOperators, topOperators } from './registry';
import type { FieldMatcher, FilterContext, Predicate, QueryContext } from './types';
import { allMatch, anyValue, equalityTest, regexParts } from './values';
import { regexMatcher } from './evaluation/regex';

export type { Predicate } from './types';

export interface FilterOptions {
  context?: FilterContext;
}

/** Compile a query filter into a predicate. Reports problems through `c`; never throws. */
export function compileFilter(filter: Value, c: Compiler, path: JsonPath, opts: FilterOptions = {}): Predicate {
  return new QueryCompiler(c, opts.context ?? 'match').filter(filter, path, true);
}

/** DBRef documents start with `$ref`/`$id`/`$db` yet are values to compare, not operators. */
const DBREF_KEYS = new Set(['$ref', '$id', '$db']);

class QueryCompiler implements QueryContext {
  /** > 0 while compiling inside `$elemMatch`, where `$expr` is not allowed (even under `$and`). */
  private nested = 0;

  constructor(readonly c: Compiler, readonly context: FilterContext) {}

  fail(path: JsonPath, message: string, code: Diagnostic['code'] = 'ASP421', extra?: { target?: 'key' | 'value'; data?: Record<string, unknown> }): undefined {
    this.c.report({ code, message, severity: 'error', path, ...extra });
    return undefined;
  }

  filter(spec: Value, path: JsonPath, topLevel: boolean): Predicate {
    if (!topLevel) {
      this.nested++;
      try {
        return this.filter(spec, path, true);
      } finally {
        this.nested--;
      }
    }
    if (!isPlainObject(spec)) {
      this.fail(path, 'a query filter must be an object');
      return alwaysFalse;
    }
    const preds: Predicate[] = [];
    for (const key of Object.keys(spec)) {
      const arg = spec[key];
      const at = [...path, key];
      if (key.startsWith('$')) {
        const op = topOperators.get(key);
        if (!op?.compileTop) {
          const hint = key === '$not' ? ' If you are trying to negate an entire expression, use $nor.' : " If you have a field name that starts with a '$' symbol, consider using $getField or $setField.";
          this.fail(at, `unknown top level operator: ${key}.${hint}`, 'ASP420', { target: 'key', data: { name: key } });
          continue;
        }
        if (this.nested > 0 && key === '$expr') {
          this.fail(at, '$expr can only be applied to the top-level document', 'ASP421', { target: 'key' });
          continue;
        }
        const p = op.compileTop(arg, this, at);
        if (p) preds.push(p);
      } else {
        preds.push(bindPath(key, this.fieldValue(arg, at)));
      }
    }
    return allOf(preds);
  }

  /** `{ f: <value> }`: an operator document, a regex, or implicit equality. */
  private fieldValue(v: Value, path: JsonPath): FieldMatcher {
    const re = regexParts(v);
    if (re) return regexMatcher(re.pattern, re.options, this, path) ?? anyValue(() => false);
    if (isPlainObject(v)) {
      const first = Object.keys(v)[0];
      if (first !== undefined && first.startsWith('$') && !DBREF_KEYS.has(first)) return this.operators(v, path);
    }
    return anyValue(equalityTest(v));
  }

  operators(obj: Doc, path: JsonPath): FieldMatcher {
    const out: FieldMatcher[] = [];
    for (const key of Object.keys(obj)) {
      const at = [...path, key];
      const op = fieldOperators.get(key);
      if (!op?.compileField) {
        this.fail(at, `unknown operator: ${key}`, 'ASP420', { target: 'key', data: { name: key } });
        continue;
      }
      const m = op.compileField(obj[key], this, at, obj);
      if (m) out.push(m);
    }
    return allMatch(out);
  }
}

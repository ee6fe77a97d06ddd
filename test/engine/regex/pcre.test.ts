/**
 * engine/regex: the PCRE2 → JavaScript translation, as tables of [pattern, options, input,
 * expected]. Expected values are PCRE2's documented meaning (pcre2pattern, cited per table), the
 * dialect MongoDB compiles every pattern with (UTF mode, no UCP: src/mongo/util/pcre_util.cpp).
 * `expected` is the matched text, null for no match, or the failure kind.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileRegex, isRegexFailure } from '../../../engine/regex/build';

type Expect = string | null | { captures: (string | null)[]; match: string } | { fails: 'invalid' | 'unsupported' | 'flag' | 'nul'; reason?: string };
type Row = [pattern: string, options: string, input: string, expected: Expect];

function run(title: string, rows: Row[]): void {
  test(title, () => {
    for (const [pattern, options, input, expected] of rows) {
      const label = `/${pattern}/${options} on ${JSON.stringify(input)}`;
      const r = compileRegex(pattern, options, true);
      if (expected !== null && typeof expected === 'object' && 'fails' in expected) {
        assert.ok(isRegexFailure(r), `${label}: expected a failure, got ${isRegexFailure(r) ? '' : r.re.source}`);
        assert.equal(r.kind, expected.fails, label);
        if (expected.reason !== undefined) assert.equal('reason' in r ? r.reason : undefined, expected.reason, label);
        continue;
      }
      assert.ok(!isRegexFailure(r), `${label}: ${JSON.stringify(r)}`);
      r.re.lastIndex = 0;
      const m = r.re.exec(input);
      if (expected === null || typeof expected === 'string') {
        assert.equal(m ? m[0] : null, expected, `${label} (js: /${r.re.source}/${r.re.flags})`);
      } else {
        assert.ok(m, label);
        assert.deepEqual({ match: m[0], captures: r.captures(m) }, expected, label);
      }
    }
  });
}

// pcre2pattern "Newline conventions", "Full stop", "Circumflex and dollar": only \n is a newline;
// $ also matches before a final newline; ^ with (?m) matches after internal newlines.
run('. ^ $ and the newline: PCRE meanings, not JavaScript ones', [
  ['a.c', '', 'a\rc', 'a\rc'],
  ['a.c', '', 'a\u2028c', 'a\u2028c'],
  ['a.c', '', 'a\nc', null],
  ['a.c', 's', 'a\nc', 'a\nc'],
  ['(?s)a.c', '', 'a\nc', 'a\nc'],
  ['abc$', '', 'abc\n', 'abc'],
  ['abc$', '', 'abc\n\n', null],
  ['^b', '', 'a\nb', null],
  ['^b', 'm', 'a\nb', 'b'],
  ['^b', 'm', 'a\rb', null],
  ['a$', 'm', 'a\nb', 'a'],
  ['a$', 'm', 'a\rb', null],
  ['^$', 'm', 'a\n', null],
  ['^$', 'm', 'a\n\nb', ''],
]);

// pcre2pattern "Simple assertions": \A start of subject, \z end, \Z end or before a final newline.
run('\\A \\z \\Z', [
  ['\\Aabc', 'm', 'x\nabc', null],
  ['\\Aabc', '', 'abc', 'abc'],
  ['abc\\z', '', 'abc\n', null],
  ['abc\\z', 'm', 'abc', 'abc'],
  ['abc\\Z', '', 'abc\n', 'abc'],
  ['abc\\Z', '', 'abc', 'abc'],
  ['abc\\Z', '', 'abc\nx', null],
]);

// pcre2pattern "Generic character types" (non-UCP): \s is HT LF VT FF CR space; \w \d are ASCII.
// "Unicode character properties": \p{L}, \pL, \p{^L}, scripts by name.
run('character types and properties', [
  ['^\\p{L}+$', '', 'é', 'é'],
  ['^\\pL\\p{^L}$', '', 'é1', 'é1'],
  ['\\p{Greek}', '', 'aβ', 'β'],
  ['\\P{Lu}', '', 'Ab', 'b'],
  ['\\s', '', '\u00a0', null],
  ['\\s', '', '\u000b', '\u000b'],
  ['[^\\S]', '', '\u00a0 ', ' '],
  ['\\S+', '', '\u00a0x', '\u00a0x'],
  ['\\w+', '', 'éa_1', 'a_1'],
  ['\\h', '', '\u00a0', '\u00a0'],
  ['\\v', '', '\u2028', '\u2028'],
  ['\\R', '', '\r\n', '\r\n'],
  ['\\N+', '', 'ab\nc', 'ab'],
  ['[[:alpha:]]+', '', '12abC3', 'abC'],
  ['[[:^digit:]x]+', '', '1ab2', 'ab'],
  ['[[:punct:]]', '', 'a-b', '-'],
  ['\\x{e9}\\x41', '', 'éA', 'éA'],
  ['\\101', '', 'A', 'A'],
  ['\\cA', '', '\u0001', '\u0001'],
  ['\\Qa.b*\\E', '', 'a.b*', 'a.b*'],
  ['\\Qa.b\\E', '', 'axb', null],
  ['x\\Qab\\E+', '', 'xabbb', 'xabbb'],
  ['a\\-b\\#c', '', 'a-b#c', 'a-b#c'],
]);

// pcre2pattern "Atomic grouping and possessive quantifiers".
run('atomic groups and possessive quantifiers', [
  ['a++a', '', 'aaa', null],
  ['a+a', '', 'aaa', 'aaa'],
  ['(?>a|ab)c', '', 'abc', null],
  ['(?:a|ab)c', '', 'abc', 'abc'],
  ['\\d*+\\d', '', '123', null],
  ['"[^"]*+"', '', '"abc"', '"abc"'],
  ['(?>(\\d+))-(\\w)', '', '12-x', { match: '12-x', captures: ['12', 'x'] }],
  ['(a)x++\\1', '', 'axxa', { match: 'axxa', captures: ['a'] }],
  ['(?<y>\\d{2})(?>-)(\\d)', '', '19-5', { match: '19-5', captures: ['19', '5'] }],
  ['(?>a+)?b', '', 'aab', 'aab'],
]);

// pcre2pattern "Internal option setting", "Extended" (x), "Quantifiers" ({ not a quantifier is literal).
run('options inside the pattern, x, literal braces', [
  ['(?i)abc', '', 'xABC', 'ABC'],
  ['(?i:a)b', '', 'Ab', 'Ab'],
  ['(?i:a)b', '', 'AB', null],
  ['a(?i)b', '', 'aB', 'aB'],
  ['a(?i)b', '', 'AB', null],
  ['(a(?i)b)c', '', 'aBc', 'aBc'],
  ['(a(?i)b)c', '', 'aBC', null],
  ['(?i)a(?-i:1)', 'i', 'A1', 'A1'],
  ['(?-i)a', 'i', 'A', null],
  ['(?i)s', '', '\u017f', '\u017f'],
  ['a b # letters\n c', 'x', 'abc', 'abc'],
  ['(?x) a b', '', 'ab', 'ab'],
  ['a[ ]b', 'x', 'a b', 'a b'],
  ['a\\ b', 'x', 'a b', 'a b'],
  ['a{', '', 'a{', 'a{'],
  ['a{,2}', '', 'a{,2}', 'a{,2}'],
  ['x{2,3}', '', 'xxxx', 'xxx'],
  ['x{2,3}?', '', 'xxxx', 'xx'],
  ['(?U)x+', '', 'xxx', 'x'],
  ['(?#note)ab', '', 'ab', 'ab'],
  ['(?n)(a)(?<b>b)', '', 'ab', { match: 'ab', captures: ['b'] }],
]);

// pcre2pattern "Back references", "Named subpatterns".
run('groups and back references', [
  ['(a)(b)\\g{-1}', '', 'abb', 'abb'],
  ['(a)\\g1', '', 'aa', 'aa'],
  ['(?<q>["\'])x\\k<q>', '', '"x"', '"x"'],
  ['(?P<q>a)(?P=q)', '', 'aa', 'aa'],
  ["(?'q'a)\\k{q}", '', 'aa', 'aa'],
  ['(a)|b', '', 'b', { match: 'b', captures: [null] }],
  ['(*FAIL)|x', '', 'x', 'x'],
  ['(?=a)*b', '', 'b', 'b'],
]);

// What PCRE rejects (its messages) and what JavaScript cannot express (ASP421).
run('invalid and unsupported patterns', [
  ['(', '', '', { fails: 'invalid', reason: 'missing closing parenthesis' }],
  [')', '', '', { fails: 'invalid', reason: 'unmatched closing parenthesis' }],
  ['*a', '', '', { fails: 'invalid', reason: 'quantifier does not follow a repeatable item' }],
  ['a{3,2}', '', '', { fails: 'invalid', reason: 'numbers out of order in {} quantifier' }],
  ['[b-a]', '', '', { fails: 'invalid', reason: 'range out of order in character class' }],
  ['[a', '', '', { fails: 'invalid', reason: 'missing terminating ] for character class' }],
  ['\\y', '', '', { fails: 'invalid', reason: 'unrecognized character follows \\' }],
  ['a\\', '', '', { fails: 'invalid', reason: '\\ at end of pattern' }],
  ['(a)\\2', '', '', { fails: 'invalid', reason: 'reference to non-existent subpattern' }],
  ['\\p{Klingon}', '', '', { fails: 'invalid', reason: 'unknown property name after \\P or \\p' }],
  ['[[:foo:]]', '', '', { fails: 'invalid', reason: 'unknown POSIX class name' }],
  ['a', 'g', '', { fails: 'flag' }],
  ['a\u0000', '', '', { fails: 'nul' }],
  ['(?R)', '', '', { fails: 'unsupported' }],
  ['(a)(?1)', '', '', { fails: 'unsupported' }],
  ['(?(1)a|b)', '', '', { fails: 'unsupported' }],
  ['\\Ga', '', '', { fails: 'unsupported' }],
  ['a\\Kb', '', '', { fails: 'unsupported' }],
  ['(?|(a)|(b))', '', '', { fails: 'unsupported' }],
  ['(*SKIP)a', '', '', { fails: 'unsupported' }],
  ['a(?i)é', '', '', { fails: 'unsupported' }],
  ['a(?-i)b', 'i', '', { fails: 'unsupported' }],
]);

test('a compiled regex is cached per pattern, options and global flag', () => {
  assert.equal(compileRegex('^x', 'i'), compileRegex('^x', 'i'));
  assert.notEqual(compileRegex('^x', 'i'), compileRegex('^x', 'i', true));
});

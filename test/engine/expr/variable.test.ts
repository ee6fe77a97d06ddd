import { compileErr, table } from './_support';

table('$let', [
  [{ a: 2 }, { $let: { vars: { x: '$a', y: 3 }, in: { $multiply: ['$$x', '$$y'] } } }, 6],
  // Inner bindings shadow outer ones and are restored afterwards.
  [{}, { $let: { vars: { x: 1 }, in: [{ $let: { vars: { x: 2 }, in: '$$x' } }, '$$x'] } }, [2, 1]],
  // Variables of one $let do not see each other.
  [{}, { $let: { vars: { x: 1 }, in: { $let: { vars: { x: 5, y: '$$x' }, in: '$$y' } } } }, 1],
  [{}, { $let: { vars: { x: '$missing' }, in: '$$x' } }, undefined],
  [{}, { $let: { vars: { x: { a: 1 } }, in: '$$x.a' } }, 1],
  [{}, { $let: { vars: { X: 1 }, in: 1 } }, compileErr('ASP411')],
  [{}, { $let: { vars: { x: 1 } } }, compileErr('ASP411')],
  [{}, { $let: { vars: 1, in: 1 } }, compileErr('ASP411')],
  [{}, { $let: { vars: {}, in: '$$nope' } }, compileErr('ASP404')],
]);

table('$literal', [
  [{}, { $literal: '$a' }, '$a'],
  [{}, { $literal: null }, null],
  [{}, { $literal: [1, '$a'] }, [1, '$a']],
]);

// jstests/aggregation/expressions/let.js ("$let changing CURRENT" and the $const literal).
const letDoc = { zero: 0, one: 1, two: 2, three: 3, nested: { four: 4 } };
table('$let rebinding CURRENT (MongoDB let.js)', [
  [letDoc, '$$CURRENT.two', 2],
  [letDoc, { $let: { vars: { CURRENT: '$$ROOT.nested' }, in: { $multiply: ['$four', '$$ROOT.two'] } } }, 8],
  [letDoc, { $let: { vars: { CURRENT: '$$CURRENT.nested' }, in: { $multiply: ['$four', '$$ROOT.two'] } } }, 8],
  [letDoc, { $let: { vars: { CURRENT: '$nested' }, in: { $multiply: ['$four', '$$ROOT.two'] } } }, 8],
  [letDoc, { $let: { vars: { CURRENT: { $const: { ten: 10 } } }, in: { $multiply: ['$ten', '$$ROOT.two'] } } }, 20],
  [letDoc, { $let: { vars: { CURRENT: '$three' }, in: { $multiply: ['$$CURRENT', '$$ROOT.two'] } } }, 6],
  [letDoc, { $let: { vars: { x: 6, y: 10 }, in: { $let: { vars: { x: '$$y', y: '$$x' }, in: { $subtract: ['$$x', '$$y'] } } } } }, 4],
  [letDoc, { $let: { vars: { 日本語: 10 }, in: '$$日本語' } }, 10],
  // CURRENT is restored after the $let.
  [letDoc, [{ $let: { vars: { CURRENT: '$nested' }, in: '$four' } }, '$two'], [4, 2]],
  [letDoc, { $let: { vars: { ROOT: 1 }, in: '$$ROOT' } }, compileErr('ASP411')],
  [letDoc, { $let: { vars: { FOO: 1 }, in: '$$FOO' } }, compileErr('ASP411')],
  [letDoc, { $let: { vars: { _underbar: 1 }, in: 1 } }, compileErr('ASP411')],
  [letDoc, { $let: { vars: { 'a.b': 1 }, in: 1 } }, compileErr('ASP411')],
  [letDoc, { $let: { vars: { var1: '$one', var2: '$$var1' }, in: '$$var1' } }, compileErr('ASP404')],
]);

table('$const (the name MongoDB serialises $literal as)', [
  [{}, { $const: '$a' }, '$a'],
  [{}, { $const: { $add: [1, 2] } }, { $add: [1, 2] }],
  [{}, { $const: null }, null],
]);

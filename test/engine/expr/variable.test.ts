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

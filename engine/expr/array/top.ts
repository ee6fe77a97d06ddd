// https://www.mongodb.com/docs/manual/reference/operator/top/
import { topBottomOperator } from './_topBottom';

// The first example is the reference page's (sample_mflix movies, "The Godfather").
export const $top = topBottomOperator({
  name: '$top',
  summary: 'The first element of an array in sortBy order (ascending values when sortBy is absent).',
  examples: [
    { doc: { cast: ['Marlon Brando', 'Al Pacino', 'James Caan', 'Richard S. Castellano'] }, expr: { $top: { sortBy: 1, input: '$cast' } }, expected: 'Al Pacino' },
    { doc: { a: [{ a: 1, b: 1 }, { a: 2, b: 2 }, { a: 2, b: 1 }] }, expr: { $top: { sortBy: { a: -1, b: 1 }, input: '$a' } }, expected: { a: 2, b: 1 } },
    { doc: { a: [] }, expr: { $top: { input: '$a' } }, expected: null },
  ],
});

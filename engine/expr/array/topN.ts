// https://www.mongodb.com/docs/manual/reference/operator/topn/
import { topBottomOperator } from './_topBottom';

// The first example is the reference page's (sample_mflix movies, "The Godfather").
export const $topN = topBottomOperator({
  name: '$topN',
  summary: 'The first n elements of an array in sortBy order (ascending values when sortBy is absent).',
  examples: [
    { doc: { cast: ['Marlon Brando', 'Al Pacino', 'James Caan', 'Richard S. Castellano'] }, expr: { $topN: { n: 3, sortBy: 1, input: '$cast' } }, expected: ['Al Pacino', 'James Caan', 'Marlon Brando'] },
    { doc: { a: [0, 1, 2, 3, 4] }, expr: { $topN: { n: 2, sortBy: -1, input: '$a' } }, expected: [4, 3] },
    { doc: { a: [1, 2, 3] }, expr: { $topN: { n: -1, input: '$a' } }, error: "'n' must be non-negative, found: -1" },
  ],
});

// https://www.mongodb.com/docs/manual/reference/operator/bottom/
import { topBottomOperator } from './_topBottom';

// The first example follows the reference page's (sample_mflix movies, "The Godfather").
export const $bottom = topBottomOperator({
  name: '$bottom',
  summary: 'The last element of an array in sortBy order (ascending values when sortBy is absent).',
  examples: [
    { doc: { cast: ['Marlon Brando', 'Al Pacino', 'James Caan', 'Richard S. Castellano'] }, expr: { $bottom: { sortBy: 1, input: '$cast' } }, expected: 'Richard S. Castellano' },
    { doc: { a: [0, 1, 2, 3, 4] }, expr: { $bottom: { sortBy: -1, input: '$a' } }, expected: 0 },
  ],
});

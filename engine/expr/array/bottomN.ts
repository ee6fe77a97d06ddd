// https://www.mongodb.com/docs/manual/reference/operator/bottomn/
import { topBottomOperator } from './_topBottom';

// The first example follows the reference page's (sample_mflix movies, "The Godfather").
export const $bottomN = topBottomOperator({
  name: '$bottomN',
  summary: 'The last n elements of an array in sortBy order (ascending values when sortBy is absent).',
  examples: [
    { doc: { cast: ['Marlon Brando', 'Al Pacino', 'James Caan', 'Richard S. Castellano'] }, expr: { $bottomN: { n: 3, sortBy: 1, input: '$cast' } }, expected: ['James Caan', 'Marlon Brando', 'Richard S. Castellano'] },
    { doc: { a: [0, 1, 2, 3, 4] }, expr: { $bottomN: { n: 2, sortBy: -1, input: '$a' } }, expected: [1, 0] },
  ],
});

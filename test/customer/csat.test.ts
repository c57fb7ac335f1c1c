import { describe, expect, it } from '@jest/globals';
import { csat } from '../../src/customer/csat.js';

const answers = (...scores: [number, number][]) => scores.map(([checkin, score]) => ({ checkin, score }));

describe('csat', () => {
  it.each([
    ['no onboardings', [], {}, { answers: 0, satisfied: 0, csat: null }, {}],
    ['no answers yet', [{ template: 'A', surveys: [] }, { template: 'B' }], {}, { answers: 0, satisfied: 0, csat: null }, {}],
    [
      '4 and 5 count as satisfied, 3 does not',
      [{ template: 'A', surveys: answers([90, 5], [90, 4], [90, 3], [90, 1]) }],
      {},
      { answers: 4, satisfied: 2, csat: 0.5 },
      { A: { answers: 4, satisfied: 2, csat: 0.5 } },
    ],
    [
      'per template, templates sorted, onboardings of one template pooled',
      [
        { template: 'Premium', surveys: answers([90, 5]) },
        { template: 'Basic', surveys: answers([90, 2], [90, 4]) },
        { template: 'Premium', surveys: answers([90, 4], [90, 5]) },
      ],
      {},
      { answers: 5, satisfied: 4, csat: 0.8 },
      { Basic: { answers: 2, satisfied: 1, csat: 0.5 }, Premium: { answers: 3, satisfied: 3, csat: 1 } },
    ],
    [
      'only one check-in\'s answers (the 90-day mark)',
      [{ template: 'A', surveys: answers([30, 1], [90, 5], [90, 4]) }, { template: 'B', surveys: answers([30, 2]) }],
      { checkin: 90 },
      { answers: 2, satisfied: 2, csat: 1 },
      { A: { answers: 2, satisfied: 2, csat: 1 } },
    ],
  ])('%s', (_name, onboardings, options, overall, byTemplate) => {
    expect(csat(onboardings, options)).toEqual({ overall, byTemplate });
  });
});

import { expect, test } from 'vitest';
import type { Bar } from '../bar';
import { ANSWER_ENTRIES_MAX, AnswerBytes } from './answer-bytes';

const chunk = (): Bar[] => [[0, 1, 1, 1, 1, 0, 0]];
const bytes = (n: number) => new Uint8Array(n);

test('an answer is reused only while the very same chunk arrays and ranges back it', () => {
  const answers = new AnswerBytes();
  const a = chunk();
  const stored = bytes(10);
  answers.set('k', [[a, 0, 1]], stored);
  expect(answers.get('k', [[a, 0, 1]])).toBe(stored);
  expect(answers.get('k', [[chunk(), 0, 1]])).toBeNull(); // a refreshed chunk is a new array
  expect(answers.get('k', [[a, 0, 0]])).toBeNull();
  expect(answers.get('other', [[a, 0, 1]])).toBeNull();
});

test(`holds ${ANSWER_ENTRIES_MAX} answers; one more evicts the oldest`, () => {
  const answers = new AnswerBytes();
  const a = chunk();
  for (let i = 0; i < ANSWER_ENTRIES_MAX; i += 1) answers.set(`k${i}`, [[a, 0, 1]], bytes(1));
  expect(answers.size).toBe(ANSWER_ENTRIES_MAX);
  answers.set('one-more', [[a, 0, 1]], bytes(1));
  expect(answers.size).toBe(ANSWER_ENTRIES_MAX);
  expect(answers.get('k0', [[a, 0, 1]])).toBeNull();
  expect(answers.get('one-more', [[a, 0, 1]])).not.toBeNull();
});

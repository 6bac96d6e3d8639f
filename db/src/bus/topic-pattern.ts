import { EventBusError } from './errors';
import { PATTERNS_PER_SUBSCRIPTION_MAX } from './limits';

/**
 * AMQP topic-exchange binding patterns, so that both bus implementations filter alike:
 * words are separated by dots, `*` matches exactly one word and `#` zero or more words.
 * The PostgreSQL bus applies them in process; RabbitMQ applies them in its exchange.
 */
const PATTERN_SYNTAX = /^(\*|#|[a-z0-9_]+)(\.(\*|#|[a-z0-9_]+))*$/;
const PATTERN_LENGTH_MAX = 200;

export type TypeMatcher = (type: string) => boolean;

/** Validates a subscription's patterns (typed error, nothing registered) and compiles them. */
export function compilePatterns(patterns: readonly string[]): TypeMatcher {
  if (patterns.length === 0 || patterns.length > PATTERNS_PER_SUBSCRIPTION_MAX) {
    throw new EventBusError(
      'BUS_PATTERNS',
      `between 1 and ${PATTERNS_PER_SUBSCRIPTION_MAX} patterns, got ${patterns.length}`,
    );
  }
  for (const pattern of patterns) {
    if (pattern.length > PATTERN_LENGTH_MAX || !PATTERN_SYNTAX.test(pattern)) {
      throw new EventBusError('BUS_PATTERNS', `not a topic pattern: ${JSON.stringify(pattern).slice(0, 80)}`);
    }
  }
  const compiled = patterns.map((p) => p.split('.'));
  return (type) => {
    const words = type.split('.');
    return compiled.some((pattern) => matchWords(pattern, 0, words, 0));
  };
}

function matchWords(pattern: readonly string[], p: number, words: readonly string[], w: number): boolean {
  if (p === pattern.length) return w === words.length;
  const head = pattern[p];
  if (head === '#') {
    // Zero words, or swallow one and try again: patterns and types are a few words long.
    for (let skip = w; skip <= words.length; skip += 1) {
      if (matchWords(pattern, p + 1, words, skip)) return true;
    }
    return false;
  }
  if (w === words.length) return false;
  return (head === '*' || head === words[w]) && matchWords(pattern, p + 1, words, w + 1);
}

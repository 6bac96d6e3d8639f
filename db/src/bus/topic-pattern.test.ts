import { describe, expect, it } from 'vitest';
import { EventBusError } from './errors';
import { PATTERNS_PER_SUBSCRIPTION_MAX } from './limits';
import { compilePatterns } from './topic-pattern';

describe('topic patterns (AMQP topic-exchange semantics)', () => {
  it('* matches exactly one word, # zero or more', () => {
    const m = compilePatterns(['order.*']);
    expect(m('order.filled')).toBe(true);
    expect(m('order')).toBe(false);
    expect(m('order.filled.more')).toBe(false);
    expect(m('stop.triggered')).toBe(false);
    const h = compilePatterns(['order.#']);
    expect(h('order')).toBe(true);
    expect(h('order.filled')).toBe(true);
    expect(h('order.filled.more')).toBe(true);
    expect(h('orders.filled')).toBe(false);
    expect(compilePatterns(['#'])('margin.call')).toBe(true);
    expect(compilePatterns(['#.call'])('margin.call')).toBe(true);
    expect(compilePatterns(['*.call'])('call')).toBe(false);
  });

  it('any of several patterns', () => {
    const m = compilePatterns(['order.filled', 'margin.*']);
    expect(['order.filled', 'margin.call', 'order.cancelled'].map(m)).toEqual([true, true, false]);
  });

  it(`refuses no patterns, more than ${PATTERNS_PER_SUBSCRIPTION_MAX}, and bad syntax`, () => {
    const many = Array.from({ length: PATTERNS_PER_SUBSCRIPTION_MAX }, () => '#');
    expect(() => compilePatterns(many)).not.toThrow();
    for (const bad of [
      [],
      [...many, '#'],
      ['order.'],
      ['.order'],
      ['Order.filled'],
      ['order..filled'],
      ['order.fi#'],
    ]) {
      expect(() => compilePatterns(bad)).toThrow(EventBusError);
    }
  });
});

import { BUILTIN_STRATEGIES, validateParams } from '@tradewind/shared/strategies';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldsOf, initialValues, paramsOf } from './param-form';

describe('param form from a zod schema', () => {
  it('maps every built-in strategy key to a number field with its bounds, int-ness, default and description', () => {
    const sma = BUILTIN_STRATEGIES.get('sma-cross');
    expect(fieldsOf(sma?.params)).toEqual([
      { kind: 'number', key: 'fast', label: 'Fast SMA period (bars)', int: true, min: 1, max: 1000, value: 10 },
      { kind: 'number', key: 'slow', label: 'Slow SMA period (bars)', int: true, min: 2, max: 5000, value: 30 },
      { kind: 'number', key: 'qtyLots', label: 'Order size (lots)', int: true, min: 1, max: 1_000_000_000, value: 100 },
    ]);
    const rsi = fieldsOf(BUILTIN_STRATEGIES.get('rsi-reversion')?.params);
    expect(rsi.find((f) => f.key === 'oversold')).toMatchObject({ kind: 'number', int: false, min: 0, max: 100 });
    for (const d of BUILTIN_STRATEGIES.values()) {
      const fields = fieldsOf(d.params);
      expect(fields.length).toBeGreaterThan(0);
      // The defaults the form starts with pass the strategy's own schema unchanged.
      const parsed = validateParams(d, paramsOf(fields, initialValues(fields)));
      expect(parsed.ok, d.id).toBe(true);
    }
  });

  it('maps boolean, enum, optional and unknown kinds', () => {
    const schema = z.object({
      on: z.boolean().default(true),
      side: z.enum(['long', 'short']).default('short'),
      n: z.number().optional(),
      tag: z.string().default('x'),
    });
    expect(fieldsOf(schema)).toEqual([
      { kind: 'boolean', key: 'on', label: 'on', value: true },
      { kind: 'enum', key: 'side', label: 'side', options: ['long', 'short'], value: 'short' },
      { kind: 'number', key: 'n', label: 'n', int: false, min: null, max: null, value: null },
      { kind: 'text', key: 'tag', label: 'tag', value: 'x' },
    ]);
    expect(fieldsOf(z.string())).toEqual([]);
  });

  it('turns input strings into the params the schema checks; bad text reaches the schema and is refused', () => {
    const sma = BUILTIN_STRATEGIES.get('sma-cross');
    if (sma === undefined) throw new Error('sma-cross missing');
    const fields = fieldsOf(sma.params);
    expect(paramsOf(fields, { fast: '3', slow: ' 8 ', qtyLots: '' })).toEqual({ fast: 3, slow: 8 });
    const bad = paramsOf(fields, { fast: 'abc', slow: '8' });
    expect(bad).toEqual({ fast: 'abc', slow: 8 });
    expect(validateParams(sma, bad)).toMatchObject({ ok: false, code: 'STRATEGY_PARAMS_INVALID' });
    // Outside the schema (fast ≥ slow, max + 1): refused by the schema, not by the form.
    expect(validateParams(sma, paramsOf(fields, { fast: '9', slow: '8' }))).toMatchObject({ ok: false });
    expect(validateParams(sma, paramsOf(fields, { fast: '1001', slow: '2000' }))).toMatchObject({ ok: false });
    expect(validateParams(sma, paramsOf(fields, { fast: '1000', slow: '2000' }))).toMatchObject({ ok: true });
  });

  it('maps booleans from checkbox values', () => {
    const fields = fieldsOf(z.object({ on: z.boolean() }));
    expect(paramsOf(fields, { on: false })).toEqual({ on: false });
    expect(paramsOf(fields, { on: true })).toEqual({ on: true });
  });
});

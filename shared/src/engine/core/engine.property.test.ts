import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from '../core/commands';
import { createEngine } from '../index';
import { ABC, XYZ } from '../testing/fixtures';
import { commandStream, setupCommands } from '../testing/generators';
import { canon, InvariantChecker } from '../testing/invariants';

const engine = createEngine({ instruments: [XYZ, ABC], makerFeeBps: 1, takerFeeBps: 4 });

/** Runs commands with every invariant checked after every step; returns the events per step. */
function run(commands: Command[]) {
  const state = engine.initialState();
  const checker = new InvariantChecker(engine, state);
  const events = commands.map((c) => checker.step(state, c));
  return { state, events };
}

describe('engine properties over long random command sequences', () => {
  it('keeps every invariant after every step (book, fills, positions, ledger, holds, rejections)', () => {
    fc.assert(
      fc.property(commandStream(300), (stream) => {
        run([...setupCommands(), ...stream]);
      }),
      { numRuns: 60, seed: 20261124 },
    );
  });

  it('is deterministic: the same commands give the same events and the same state hash', () => {
    fc.assert(
      fc.property(commandStream(200), (stream) => {
        const cmds = [...setupCommands(), ...stream];
        const a = run(cmds);
        const b = run(cmds);
        expect(canon(b.events)).toBe(canon(a.events));
        expect(engine.stateHash(b.state)).toBe(engine.stateHash(a.state));
      }),
      { numRuns: 20, seed: 7 },
    );
  });

  it('snapshot + replay of the rest equals one continuous run', () => {
    fc.assert(
      fc.property(commandStream(250), fc.nat(), (stream, cut) => {
        const cmds = [...setupCommands(), ...stream];
        const k = cut % (cmds.length + 1);
        const whole = run(cmds);
        const head = run(cmds.slice(0, k));
        const snap = JSON.parse(JSON.stringify(engine.snapshot(head.state)));
        const restored = engine.restore(snap);
        engine.validate(restored);
        expect(engine.stateHash(restored)).toBe(engine.stateHash(head.state));
        const tail = cmds.slice(k).map((c) => engine.apply(restored, c));
        expect(canon(tail)).toBe(canon(whole.events.slice(k)));
        expect(engine.stateHash(restored)).toBe(engine.stateHash(whole.state));
      }),
      { numRuns: 40, seed: 42 },
    );
  });
});

export { INSTRUMENTS, SIMULATED_INSTRUMENTS, type SimulatedInstrument } from './catalog';
export {
  DECIMAL_INTEGER_DIGITS_MAX,
  DECIMAL_SCALE_MAX,
  type DecimalError,
  decimalToSteps,
  formatScaled,
  minorToDecimal,
  parseStep,
  type Step,
  stepsToDecimal,
} from './decimal';
export {
  type AccountId,
  type Brand,
  type InstrumentSymbol,
  isInstrumentSymbol,
  SYMBOL_PATTERN,
  type UserId,
} from './ids';
export {
  CURRENCY_SCALE,
  type Instrument,
  type InstrumentKind,
  type InstrumentSpec,
  makeInstrument,
} from './instrument';

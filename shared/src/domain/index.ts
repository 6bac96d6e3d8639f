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
export {
  BPS_PER_UNIT,
  distanceBps,
  feeMinor,
  mulDiv,
  type NotionalScale,
  notionalMinor,
  notionalScaleOf,
  type Rounding,
  ticksByBps,
} from './money';
export {
  type AccountKind,
  type Liquidity,
  ORDER_SIDES,
  ORDER_STATUSES,
  ORDER_TYPES,
  type OrderSide,
  type OrderStatus,
  type OrderType,
  TERMINAL_ORDER_STATUSES,
  TIMES_IN_FORCE,
  type TimeInForce,
  TRADING_STATES,
  type TradingState,
} from './order';

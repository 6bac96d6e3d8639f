/**
 * Every reason the engine gives for refusing something: a closed set, a numeric range per
 * subsystem (so logs, metrics and the edge's HTTP mapping can group them), and a default
 * human message. The message on an event may add detail; the code alone is the contract.
 *
 *   1000–1099 CMD_*      the command itself (shape, time)
 *   1100–1199 ACCOUNT_*  accounts, sub-accounts, cash movements
 *   1200–1299 ORDER_*    order fields, order types, ids, modify/cancel
 *   1300–1399 INSTR_*    instrument rules (grid, minimums, maximums)
 *   1400–1499 RISK_*     pre-trade risk, trading states, protections
 *   1500–1599 BOOK_*     the order book refused (passed through from book/)
 */
export const REASON_CODES = {
  CMD_MALFORMED: [1000, 'the command is not well formed'],
  CMD_UNKNOWN_TYPE: [1001, 'unknown command type'],
  CMD_TIME_REGRESSED: [1002, 'command time is before the engine time'],
  CMD_INVALID_TIME: [1003, 'command time is not a valid millisecond timestamp'],

  ACCOUNT_UNKNOWN: [1100, 'unknown account'],
  ACCOUNT_EXISTS: [1101, 'an account with this id already exists'],
  ACCOUNT_INVALID_ID: [1102, 'account id is not valid'],
  ACCOUNT_INVALID_PARENT: [1103, 'parent account is unknown or is itself a sub-account'],
  ACCOUNT_INVALID_LEVERAGE: [1104, 'leverage is out of range'],
  ACCOUNT_INVALID_AMOUNT: [1105, 'amount must be a positive integer of minor units within limits'],
  ACCOUNT_UNKNOWN_CURRENCY: [1106, 'unknown currency'],
  ACCOUNT_INSUFFICIENT_FUNDS: [1107, 'not enough available funds'],
  ACCOUNT_TRANSFER_NOT_ALLOWED: [1108, 'transfers are allowed only between accounts of one family'],
  ACCOUNT_TOO_MANY: [1109, 'too many accounts'],
  ACCOUNT_INVALID_LIMITS: [1110, 'risk limits are not valid'],

  ORDER_INVALID_SIDE: [1200, 'side must be buy or sell'],
  ORDER_INVALID_TYPE: [1201, 'unknown order type'],
  ORDER_INVALID_TIF: [1202, 'unknown time in force'],
  ORDER_INVALID_QTY: [1203, 'quantity must be a positive integer of lots'],
  ORDER_INVALID_PRICE: [1204, 'price must be a positive integer of ticks'],
  ORDER_MISSING_PRICE: [1205, 'this order type needs a limit price'],
  ORDER_UNEXPECTED_PRICE: [1206, 'this order type takes no limit price'],
  ORDER_MISSING_TRIGGER: [1207, 'this order type needs a trigger price'],
  ORDER_INVALID_TRAIL: [1208, 'a trailing stop needs exactly one of a trail amount or a trail percentage'],
  ORDER_INVALID_EXPIRY: [1209, 'GTD needs a future expiry time; other times in force take none'],
  ORDER_TIF_NOT_ALLOWED: [1210, 'this time in force is not allowed for this order type'],
  ORDER_POST_ONLY_NOT_ALLOWED: [1211, 'post-only needs a GTC, GTD or DAY limit order'],
  ORDER_POST_ONLY_WOULD_TAKE: [1212, 'post-only order would take liquidity'],
  ORDER_DUPLICATE_CLIENT_ID: [1213, 'this client order id was already used'],
  ORDER_INVALID_CLIENT_ID: [1214, 'client order id is not valid'],
  ORDER_NOT_FOUND: [1215, 'no open order with this id for this account'],
  ORDER_NOT_MODIFIABLE: [1216, 'this order cannot be modified that way'],
  ORDER_MODIFY_NO_CHANGE: [1217, 'the modification changes nothing'],
  ORDER_REDUCE_ONLY_REJECTED: [1218, 'reduce-only order would not reduce a position'],
  ORDER_NO_REFERENCE_PRICE: [1219, 'no market price to protect a market order'],
  ORDER_INVALID_CONTINGENCY: [1220, 'the linked orders are not a valid OCO or bracket'],
  ORDER_TRIGGER_ALREADY_PASSED: [1221, 'the trigger price is already reached'],
  ORDER_QTY_BELOW_FILLED: [1222, 'the new quantity is not above the filled quantity'],

  INSTR_UNKNOWN: [1300, 'unknown instrument'],
  INSTR_QTY_BELOW_MIN: [1301, 'quantity is below the instrument minimum'],
  INSTR_NOTIONAL_BELOW_MIN: [1302, 'order value is below the instrument minimum'],
  INSTR_QTY_ABOVE_MAX: [1303, 'quantity is above the instrument maximum'],
  INSTR_PRICE_OUT_OF_RANGE: [1304, 'price is outside the instrument range'],
  INSTR_OFF_GRID: [1305, 'price or quantity is not on the instrument grid'],

  RISK_MAX_ORDER_QTY: [1400, 'order quantity exceeds the account limit'],
  RISK_MAX_ORDER_NOTIONAL: [1401, 'order value exceeds the account limit'],
  RISK_MAX_POSITION: [1402, 'order could take the position past the account limit'],
  RISK_PRICE_BAND: [1403, 'price is too far from the market (fat-finger band)'],
  RISK_MAX_OPEN_ORDERS: [1404, 'too many open orders'],
  RISK_RATE_LIMITED: [1405, 'order rate limit exceeded'],
  RISK_INSUFFICIENT_BUYING_POWER: [1406, 'not enough buying power'],
  RISK_INSUFFICIENT_MARGIN: [1407, 'not enough margin'],
  RISK_INSUFFICIENT_POSITION: [1408, 'a cash account cannot sell more than it holds'],
  RISK_DAILY_LOSS_LIMIT: [1409, 'daily loss limit reached: only reducing orders pass'],
  RISK_HALTED: [1410, 'trading is halted'],
  RISK_REDUCING_ONLY: [1411, 'trading is restricted to orders that reduce a position'],
  RISK_INVALID_STATE: [1412, 'unknown trading state or scope'],

  BOOK_REJECTED: [1500, 'the order book refused the order'],
  BOOK_FULL: [1501, 'the order book is full'],
} as const satisfies Record<string, readonly [number, string]>;

export type ReasonCode = keyof typeof REASON_CODES;

export const REASON_CODE_LIST = Object.keys(REASON_CODES) as ReasonCode[];

/** Why an order left the book without filling completely (the reason on OrderCancelled). */
export const CANCEL_REASONS = [
  'USER',
  'CANCEL_ALL',
  'IOC_REMAINDER',
  'FOK_UNFILLABLE',
  'SELF_TRADE',
  'OCO_SIBLING',
  'REDUCE_ONLY',
  'HALTED',
  'LIQUIDATION',
  'NO_LIQUIDITY',
  'MODIFIED',
  'INSUFFICIENT_FUNDS',
  'POST_ONLY',
] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

export function reasonNumber(code: ReasonCode): number {
  return REASON_CODES[code][0];
}

export function reasonMessage(code: ReasonCode): string {
  return REASON_CODES[code][1];
}

/** The subsystem of a code, from its prefix. */
export function reasonSubsystem(code: ReasonCode): 'CMD' | 'ACCOUNT' | 'ORDER' | 'INSTR' | 'RISK' | 'BOOK' {
  return code.slice(0, code.indexOf('_')) as 'CMD' | 'ACCOUNT' | 'ORDER' | 'INSTR' | 'RISK' | 'BOOK';
}

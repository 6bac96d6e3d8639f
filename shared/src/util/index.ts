export { AssertionError, assert, assertNever } from './assert';
export { type Err, err, type Ok, ok, type Result } from './result';

import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../api/app-router';
import type { ApiClient } from '../api/trpc-client';

type Outputs = inferRouterOutputs<AppRouter>['trading'];
type Inputs = inferRouterInputs<AppRouter>['trading'];

export type OrderPage = Outputs['orderHistory'];
export type FillPage = Outputs['fills'];
export type Ack = Outputs['place'];

/** The PWA's view of edge's `trading` router; the store depends on this, so tests can fake it. */
export type TradingApi = {
  place(input: Inputs['place']): Promise<Ack>;
  modify(input: Inputs['modify']): Promise<Ack>;
  cancel(input: Inputs['cancel']): Promise<Ack>;
  cancelAll(input: Inputs['cancelAll']): Promise<Ack>;
  killSwitch(input: Inputs['killSwitch']): Promise<Ack>;
  openOrders(input: Inputs['openOrders']): Promise<Outputs['openOrders']>;
  orderByClientId(input: Inputs['orderByClientId']): Promise<Outputs['orderByClientId']>;
  orderHistory(input: Inputs['orderHistory']): Promise<OrderPage>;
  fills(input: Inputs['fills']): Promise<FillPage>;
  positions(input: Inputs['positions']): Promise<Outputs['positions']>;
  balances(input: Inputs['balances']): Promise<Outputs['balances']>;
};

export function tradingApiOf(client: ApiClient): TradingApi {
  const t = client.trading;
  return {
    place: (i) => t.place.mutate(i),
    modify: (i) => t.modify.mutate(i),
    cancel: (i) => t.cancel.mutate(i),
    cancelAll: (i) => t.cancelAll.mutate(i),
    killSwitch: (i) => t.killSwitch.mutate(i),
    openOrders: (i) => t.openOrders.query(i),
    orderByClientId: (i) => t.orderByClientId.query(i),
    orderHistory: (i) => t.orderHistory.query(i),
    fills: (i) => t.fills.query(i),
    positions: (i) => t.positions.query(i),
    balances: (i) => t.balances.query(i),
  };
}

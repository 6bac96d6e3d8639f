import { type APIRequestContext, expect, type Page } from '@playwright/test';
import { newEmail, PASSWORD } from './helpers';

/** The number shown in a price cell ("96,500.10" → 96500.1); fails the test if there is none. */
export async function shownPrice(page: Page, testId: string): Promise<number> {
  const cell = page.getByTestId(testId);
  await expect(cell).toHaveText(/^[\d,]+(\.\d+)?$/, { timeout: 30_000 });
  return Number((await cell.textContent())?.replaceAll(',', ''));
}

/** A price on the instrument's tick grid (ticks of 10^-decimals), as the exact decimal text. */
export const onTick = (price: number, decimals = 2): string => price.toFixed(decimals);

export async function openSymbol(page: Page, symbol: string): Promise<void> {
  await page.goto('/#/');
  await page.getByTestId(`row-${symbol}`).click();
  await expect(page.getByRole('heading', { name: symbol })).toBeVisible();
}

type Ticket = {
  side: 'Buy' | 'Sell';
  type: string;
  quantity: string;
  price?: string;
  bracket?: { takeProfit: string; stopLoss: string };
};

/** Fills the ticket, reviews, and confirms. */
export async function placeOrder(page: Page, t: Ticket): Promise<void> {
  await page.getByRole('button', { name: t.side, exact: true }).click();
  await page.getByLabel('Order type').selectOption(t.type);
  await page.getByLabel('Quantity').fill(t.quantity);
  if (t.price) await page.getByLabel('Limit price').fill(t.price);
  if (t.bracket) {
    await page.getByLabel('Take-profit / stop-loss').check();
    await page.getByLabel('Take-profit price').fill(t.bracket.takeProfit);
    await page.getByLabel('Stop-loss price').fill(t.bracket.stopLoss);
  }
  await page.getByRole('button', { name: new RegExp(`review ${t.side} order`, 'i') }).click();
  await expect(page.getByTestId('order-confirm')).toContainText(`${t.side} ${t.quantity}`);
  await page.getByRole('button', { name: 'Confirm order' }).click();
}

/** tRPC over plain HTTP (no transformer): what a script or a hostile client would send. */
export class TrpcHttp {
  token: string | null = null;
  constructor(private readonly request: APIRequestContext) {}

  headers(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {};
  }

  async mutate(path: string, input: unknown): Promise<{ status: number; body: TrpcBody }> {
    const res = await this.request.post(`/trpc/${path}`, { data: input, headers: this.headers() });
    return { status: res.status(), body: (await res.json()) as TrpcBody };
  }

  async query(path: string, input: unknown): Promise<{ status: number; body: TrpcBody }> {
    const q = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    const res = await this.request.get(`/trpc/${path}${q}`, { headers: this.headers() });
    return { status: res.status(), body: (await res.json()) as TrpcBody };
  }

  /** Registers a new user, keeps its access token, and returns its e-mail and first account id. */
  async register(): Promise<{ email: string; accountId: string }> {
    const email = newEmail();
    const r = await this.mutate('auth.register', { email, password: PASSWORD, displayName: 'Trader' });
    expect(r.status).toBe(200);
    this.token = dataOf<{ accessToken: string }>(r).accessToken;
    const me = await this.query('auth.me', undefined);
    const accountId = dataOf<{ accounts: { id: string }[] }>(me).accounts[0]?.id;
    if (!accountId) throw new Error('no account');
    return { email, accountId };
  }
}

export type TrpcBody = {
  result?: { data: unknown };
  error?: { message: string; data?: { code?: string; reason?: string | null; httpStatus?: number } };
};

/** The result of a successful call; fails the test with edge's error otherwise. */
export function dataOf<T>(r: { body: TrpcBody }): T {
  if (!r.body.result) throw new Error(`call failed: ${JSON.stringify(r.body.error)}`);
  return r.body.result.data as T;
}

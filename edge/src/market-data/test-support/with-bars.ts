/** A candles answer with `barsJson` parsed into `bars`, for assertions. */
export async function withBars<T extends { barsJson: string }>(answer: Promise<T>) {
  const a = await answer;
  return { ...a, bars: JSON.parse(a.barsJson) as number[][] };
}

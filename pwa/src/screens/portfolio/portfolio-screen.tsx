/** Balances, portfolio value, positions with live PnL, and the kill switch. */
export function PortfolioScreen() {
  return (
    <section class="portfolio" aria-labelledby="portfolio-title">
      <h1 id="portfolio-title">Portfolio</h1>
    </section>
  );
}

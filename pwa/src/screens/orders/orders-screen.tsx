/** Open orders (modify, cancel), order history and fills. */
export function OrdersScreen() {
  return (
    <section class="orders" aria-labelledby="orders-title">
      <h1 id="orders-title">Orders</h1>
    </section>
  );
}

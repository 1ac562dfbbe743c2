export function OutboxScreen() {
  return (
    <section className="screen-placeholder">
      <h1>Outbox</h1>
    </section>
  );
}

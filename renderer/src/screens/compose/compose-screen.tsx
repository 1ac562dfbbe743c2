export function ComposeScreen() {
  return (
    <section className="screen-placeholder">
      <h1>Compose</h1>
    </section>
  );
}

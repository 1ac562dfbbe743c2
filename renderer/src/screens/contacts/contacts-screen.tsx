export function ContactsScreen() {
  return (
    <section className="screen-placeholder">
      <h1>Address book</h1>
    </section>
  );
}

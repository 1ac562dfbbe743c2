export function SettingsScreen() {
  return (
    <section className="screen-placeholder">
      <h1>Settings</h1>
    </section>
  );
}

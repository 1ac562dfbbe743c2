// The small "Sandbox" tag on a fax the simulator handled: never mistaken for a real one.

export function SandboxTag() {
  return (
    <span className="sandbox-tag" data-testid="sandbox-tag" title="Sent to the local sandbox: nothing was really faxed">
      Sandbox
    </span>
  );
}

// Placeholder until this screen is built (issue 12).
export default function Roles(_: { kind?: string }) {
  return <p>This screen is not built yet.</p>;
}

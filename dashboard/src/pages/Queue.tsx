// Placeholder until this screen is built (issue 12).
export default function Queue() {
  return <p>This screen is not built yet.</p>;
}

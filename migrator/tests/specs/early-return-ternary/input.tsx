export function Status({ loading, error }: { loading: boolean; error?: string }) {
  if (loading) return <p>Loading…</p>;
  if (error) {
    return <p className="error">{error}</p>;
  }
  return <p>Ready</p>;
}

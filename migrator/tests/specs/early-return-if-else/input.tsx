export function Greeting({ user }: { user?: string }) {
  if (user) {
    return <p>Welcome back, {user}</p>;
  } else {
    return <p>Please sign in</p>;
  }
}

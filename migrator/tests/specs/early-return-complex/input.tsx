export function Profile({ user }: { user?: { name: string } }) {
  if (!user) {
    console.warn("no user");
    return null;
  }
  const name = user.name;
  return <p>{name}</p>;
}

import Link from "next/link";

export function Nav() {
  return (
    <nav>
      <Link href="/" className="home">Home</Link>
      <Link href="/about">About</Link>
    </nav>
  );
}

import Image from "next/image";

export function Hero() {
  return (
    <div className="hero">
      <Image src="/hero.jpg" alt="" fill />
    </div>
  );
}

import Image from "next/image";

export function Avatar({ src }: { src: string }) {
  return <Image src={src} alt="avatar" width={64} height={64} priority />;
}

export function Photo() {
  return <Image src="/photo.jpg" alt="photo" width={800} height={600} quality={80} />;
}

import { useEffect, useState } from "react";

export function Clock({ interval }: { interval: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), interval);
    return () => clearInterval(id);
  }, [interval]);
  useEffect(() => {
    document.title = new Date(now).toISOString();
  });
  return <time>{now}</time>;
}

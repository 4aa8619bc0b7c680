import { useState } from 'react';

/** A button that counts its clicks; the label says how many. */
export function Counter({ label }) {
  const [count, setCount] = useState(0);
  return (
    <div>
      <p>
        {label}: {count}
      </p>
      <button onClick={() => setCount(count + 1)}>add</button>
    </div>
  );
}

import React, { useState } from "react";

export function Version() {
  const [shown, setShown] = useState(true);
  return <p onClick={() => setShown(false)}>{shown && React.version}</p>;
}

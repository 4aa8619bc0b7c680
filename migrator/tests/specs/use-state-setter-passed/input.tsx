import { useState } from "react";
import { Picker } from "./Picker";

export function Colors() {
  const [color, setColor] = useState("red");
  return <Picker value={color} onChange={setColor} />;
}

import React, {
  useContext,
  useId,
  useState,
} from "react";
import { ThemeContext } from "./theme";

export function Panel() {
  const theme = useContext(ThemeContext);
  const [open] = useState(false);
  const id = useId();
  return <div id={id} className={theme}>{String(open)}{React.version}</div>;
}

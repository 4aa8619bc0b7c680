import { useContext } from "react";
import { ThemeContext } from "./theme";

export function Themed() {
  const theme = useContext(ThemeContext);
  return <div className={theme.name}>themed</div>;
}

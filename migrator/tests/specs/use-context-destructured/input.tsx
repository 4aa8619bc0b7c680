import { useContext } from "react";
import { ChatContext } from "./context";

export function Header() {
  const { profile, workspace: ws } = useContext(ChatContext);
  const { theme = "light" } = useContext(ChatContext);
  return <h1>{profile.name} @ {ws} ({theme})</h1>;
}

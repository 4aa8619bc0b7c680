import { useState } from "react";

export function Notes() {
  const [notes, setNotes] = useState(() => loadNotes());
  const [draft, setDraft] = useState<string>();
  const add = () => setNotes((list) => [...list, draft ?? ""]);
  return <button onClick={add}>{notes.length}</button>;
}

function loadNotes(): string[] {
  return [];
}

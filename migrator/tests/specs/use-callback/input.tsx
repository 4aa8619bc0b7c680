import { useCallback, useState } from "react";

export function Form() {
  const [value, setValue] = useState("");
  const onChange = useCallback((e: { target: { value: string } }) => {
    setValue(e.target.value);
  }, []);
  const clear = useCallback(() => setValue(""), []);
  return (
    <form>
      <input value={value} onChange={onChange} />
      <button type="button" onClick={clear}>Clear</button>
    </form>
  );
}

import { Field } from "./Field";

export function Login() {
  return (
    <form className="login">
      <label htmlFor="user" className="label">User</label>
      <input id="user" />
      <Field className="kept-for-components" />
    </form>
  );
}

export async function subscribe(form: FormData) {
  "use server";
  console.log(form.get("email"));
}

export function Signup() {
  return <form action={subscribe}><input name="email" /></form>;
}

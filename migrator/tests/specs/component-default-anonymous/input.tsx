export default function (): JSX.Element {
  return <main>anonymous</main>;
}
